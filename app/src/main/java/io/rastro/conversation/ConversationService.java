package io.rastro.conversation;

import io.rastro.report.Cursor;
import io.rastro.report.Pages;
import io.rastro.report.Directory;
import io.rastro.report.Enums;
import io.rastro.report.MessageColumns;
import io.rastro.report.MessageSql;
import io.rastro.report.MessageView;
import io.rastro.report.ReportFilter;
import io.rastro.report.ReportQueries;
import io.rastro.report.ReportRequests.ConversationsInput;
import io.rastro.report.ReportResults.Edge;
import io.rastro.report.ReportResults.PageInfo;
import io.rastro.report.ReportService;
import io.rastro.security.CurrentPrincipal;
import io.rastro.security.TenantScope;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversations in a period: messages of the filter grouped by conversation id, newest first, keyset-paged on
 * (start, id), with the exact number of conversations.
 */
@Service
public class ConversationService {

    private final Store store;
    private final ReportService reports;
    private final ReportQueries queries;
    private final Directory directory;

    public ConversationService(Store store, ReportService reports, ReportQueries queries, Directory directory) {
        this.store = store;
        this.reports = reports;
        this.queries = queries;
        this.directory = directory;
    }

    /** A conversation as the GraphQL contract shows it. */
    public record Conversation(String id, Enums.ConversationType type, OffsetDateTime startedAt,
                               OffsetDateTime expiresAt, MessageView.Contact contact, MessageView.Campaign campaign,
                               MessageView.Subaccount subaccount, long sentCount, long receivedCount) {
    }

    public record ConversationConnection(long totalCount, java.util.List<Edge<Conversation>> edges, PageInfo pageInfo) {
    }

    @PreAuthorize("hasRole('REPORT')")
    public ConversationConnection conversations(ConversationsInput input) {
        var caller = CurrentPrincipal.require();
        var filter = reports.resolve(input.filter(), input.savedSearchId(), caller, "input.filter");
        var limit = reports.pageSize(input.first());
        var after = input.after() == null || input.after().isBlank() ? null : Cursor.decode(input.after(), "input.after");
        var newest = input.sort() != Enums.MessageSort.OLDEST_FIRST;
        var names = directory.subaccountNames(caller.accountId());
        var rows = new ArrayList<Conversation>();
        var total = new AtomicLong(-1);
        store.read(statement(filter, caller.scope(), after, limit, newest), row -> {
            total.set(row.getLong("total_count"));
            var type = row.getString("first_conversation_type");
            var campaignId = row.getString("first_campaign_id");
            var subaccountId = row.getString("first_subaccount_id");
            rows.add(new Conversation(row.getString("conversation_id"),
                    type.isEmpty() ? null : Enums.ConversationType.valueOf(type),
                    MessageColumns.time(row.getInstant("started_at")),
                    MessageColumns.time(row.hasValue("expires_at") ? row.getInstant("expires_at") : null),
                    new MessageView.Contact(empty(row.getString("first_contact_phone")),
                            empty(row.getString("first_contact_wa_id")), empty(row.getString("first_contact_bsuid"))),
                    campaignId.isEmpty() ? null : new MessageView.Campaign(campaignId, row.getString("first_campaign_name")),
                    new MessageView.Subaccount(subaccountId, names.getOrDefault(subaccountId, "")),
                    row.getLong("sent"), row.getLong("received")));
        });
        if (total.get() < 0) {
            total.set(after == null ? 0 : store.query(countStatement(filter, caller.scope()),
                    r -> r.getLong("total_count")).getFirst());
        }
        var page = Pages.of(rows, limit, c -> new Cursor(c.startedAt().toInstant(), c.id()));
        return new ConversationConnection(total.get(), page.edges(), page.pageInfo());
    }

    /**
     * The per-conversation values are aliased first_*: ClickHouse resolves a name in WHERE to a SELECT alias
     * before the column, so an alias named like a filtered column (subaccount_id, campaign_id, ...) would put an
     * aggregate into the tenant and filter conditions and fail the statement.
     */
    Sql statement(ReportFilter filter, TenantScope scope, Cursor after, int limit, boolean newest) {
        var where = MessageSql.where(filter, scope).and("conversation_id != ''");
        var having = after == null ? "" : newest
                ? "\nHAVING (started_at, conversation_id) < ({cursor_time:DateTime64(3, 'UTC')}, {cursor_id:String})"
                : "\nHAVING (started_at, conversation_id) > ({cursor_time:DateTime64(3, 'UTC')}, {cursor_id:String})";
        var order = newest ? "started_at DESC, conversation_id DESC" : "started_at ASC, conversation_id ASC";
        var total = "(SELECT uniqExact(conversation_id) FROM " + MessageSql.MESSAGES + " WHERE " + where.clause() + ")";
        var sql = Sql.of("""
                SELECT conversation_id,
                       argMin(conversation_type, event_time) AS first_conversation_type,
                       min(event_time) AS started_at,
                       max(conversation_expires_at) AS expires_at,
                       argMin(contact_phone, event_time) AS first_contact_phone,
                       argMin(contact_wa_id, event_time) AS first_contact_wa_id,
                       argMin(contact_bsuid, event_time) AS first_contact_bsuid,
                       argMin(campaign_id, event_time) AS first_campaign_id,
                       argMin(campaign_name, event_time) AS first_campaign_name,
                       argMin(subaccount_id, event_time) AS first_subaccount_id,
                       countIf(direction = 'MT') AS sent,
                       countIf(direction = 'MO') AS received,
                       """ + total + """
                 AS total_count
                FROM\s""" + MessageSql.MESSAGES + "\nWHERE " + where.clause() + """

                GROUP BY conversation_id""" + having + "\nORDER BY " + order + "\nLIMIT {page_limit:UInt32}")
                .bind("page_limit", limit + 1);
        if (after != null) {
            sql = sql.bind("cursor_time", after.time()).bind("cursor_id", after.id());
        }
        return queries.limited(where.apply(sql));
    }

    Sql countStatement(ReportFilter filter, TenantScope scope) {
        var where = MessageSql.where(filter, scope).and("conversation_id != ''");
        return queries.limited(where.apply(Sql.of("SELECT uniqExact(conversation_id) AS total_count FROM "
                + MessageSql.MESSAGES + " WHERE " + where.clause())));
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
