package io.rastro.insight;

import io.rastro.report.MessageView;
import io.rastro.security.CurrentPrincipal;
import io.rastro.security.TenantScope;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replies that answer sent messages, from {@code rastro.message_replies} (migration 007): for a page of sent
 * messages, one statement for the whole page.
 */
@Service
public class Replies {

    /** The first reply to a sent message and how many there are. */
    public record ReplySummary(Reply first, int count) {
    }

    /** A received message that answers a sent one. */
    public record Reply(String id, OffsetDateTime at, MessageView.QuickReplyButton button, long secondsToReply) {
    }

    private final Store store;

    public Replies(Store store) {
        this.store = store;
    }

    /** The replies to these visible sent messages, by the sent message's id; a message with none is absent. */
    @PreAuthorize("hasRole('REPORT')")
    public Map<String, ReplySummary> of(List<MessageView.SentMessage> sent) {
        var out = new HashMap<String, ReplySummary>();
        if (sent.isEmpty()) {
            return out;
        }
        var scope = CurrentPrincipal.require().scope();
        var since = sent.stream().map(m -> m.at().toInstant()).min(Comparator.naturalOrder()).orElseThrow();
        var at = new HashMap<String, Instant>();
        sent.forEach(m -> at.put(m.id(), m.at().toInstant()));
        store.read(statement(scope, at.keySet(), since), row -> {
            var id = row.getString("replied_id");
            var first = row.getInstant("first_at");
            var payload = row.getString("payload");
            out.put(id, new ReplySummary(new Reply(row.getString("first_id"), first.atOffset(ZoneOffset.UTC),
                    payload.isEmpty() ? null : new MessageView.QuickReplyButton(payload, row.getString("text")),
                    Math.max(0, Duration.between(at.get(id), first).toSeconds())), (int) row.getLong("replies")));
        });
        return out;
    }

    private static Sql statement(TenantScope scope, java.util.Collection<String> ids, Instant since) {
        var sql = Sql.of("""
                SELECT replied_id, min(reply_at) AS first_at, argMin(reply_id, reply_at) AS first_id,
                       argMin(button_payload, reply_at) AS payload, argMin(button_text, reply_at) AS text,
                       count() AS replies
                FROM rastro.message_replies FINAL
                WHERE account_id = {tenant_account:String} AND reply_at >= {since:DateTime64(3, 'UTC')}
                  AND replied_id IN {ids:Array(String)}""" + (scope.allSubaccounts() ? ""
                        : " AND subaccount_id IN {tenant_subaccounts:Array(String)}") + "\nGROUP BY replied_id")
                .bind("tenant_account", scope.accountId()).bind("since", since).bind("ids", List.copyOf(ids));
        return scope.allSubaccounts() ? sql : sql.bind("tenant_subaccounts", List.copyOf(scope.subaccounts()));
    }
}
