package io.rastro.conversation;

import io.rastro.domain.ConversationType;
import io.rastro.report.Cursor;
import io.rastro.report.Directory;
import io.rastro.report.Enums;
import io.rastro.report.MessageColumns;
import io.rastro.report.MessageSql;
import io.rastro.report.MessageView;
import io.rastro.report.Pages;
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

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversations that started in a period, newest first, keyset-paged on (start, id), with the exact number of
 * conversations; see {@link #statement} for which conversations and which messages count.
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
    public record Conversation(String id, ConversationType type, OffsetDateTime startedAt,
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
                    type.isEmpty() ? null : ConversationType.valueOf(type),
                    MessageColumns.time(row.getInstant("started_at")),
                    MessageColumns.time(row.hasValue("expires_at") ? row.getInstant("expires_at") : null),
                    new MessageView.Contact(empty(row.getString("first_contact_phone")),
                            empty(row.getString("first_contact_wa_id")), empty(row.getString("first_contact_bsuid")),
                            empty(row.getString("contact_name"))),
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
     * How far a conversation's messages may lie from its start: a conversation is one charging window, 24 h from
     * its first message (72 h for a free entry point), so no message of it is further than this from its start.
     */
    static final Duration SPAN = Duration.ofHours(72);

    /**
     * Conversations are picked by their start, and every value comes from the whole conversation. The filter's
     * fields other than the period pick which conversations: those with at least one message that matches them.
     * Those messages lie within {@link #SPAN} after a start inside the period, so the candidates are read over
     * [from, to + SPAN); each candidate's messages are then read over [from - SPAN, to + SPAN), which holds all of
     * them, so a conversation that started before the period shows that start and is left out. "Whole" stays within
     * the caller's scope and the filter's subaccounts: a conversation id that also has messages in another
     * subaccount (the demo data's ids are per contact and day) shows only those it may.
     *
     * <p>The per-conversation values are aliased first_*: ClickHouse resolves a name in WHERE to a SELECT alias
     * before the column, so an alias named like a filtered column (subaccount_id, campaign_id, ...) would put an
     * aggregate into the tenant and filter conditions and fail the statement.
     */
    Sql statement(ReportFilter filter, TenantScope scope, Cursor after, int limit, boolean newest) {
        var grouped = grouped(filter, scope);
        var cursor = after == null ? "" : newest
                ? "\nWHERE (started_at, conversation_id) < ({cursor_time:DateTime64(3, 'UTC')}, {cursor_id:String})"
                : "\nWHERE (started_at, conversation_id) > ({cursor_time:DateTime64(3, 'UTC')}, {cursor_id:String})";
        var order = newest ? "started_at DESC, conversation_id DESC" : "started_at ASC, conversation_id ASC";
        var sql = grouped.statement("SELECT *, (SELECT count() FROM (" + grouped.text() + ")) AS total_count\nFROM ("
                + grouped.text() + ")" + cursor + "\nORDER BY " + order + "\nLIMIT {page_limit:UInt32}")
                .bind("page_limit", limit + 1);
        if (after != null) {
            sql = sql.bind("cursor_time", after.time()).bind("cursor_id", after.id());
        }
        return queries.limited(sql);
    }

    Sql countStatement(ReportFilter filter, TenantScope scope) {
        var grouped = grouped(filter, scope);
        return queries.limited(grouped.statement("SELECT count() AS total_count FROM (" + grouped.text() + ")"));
    }

    /** The conversations of a filter, one row each, as a subquery's text and the statement binding its values. */
    private record Grouped(String text, MessageSql candidates, MessageSql tenant, ReportFilter filter) {

        Sql statement(String text) {
            return tenant.apply(candidates.apply(Sql.of(text)))
                    .bind("span_from", filter.from().minus(SPAN)).bind("span_to", filter.to().plus(SPAN))
                    .bind("start_from", filter.from()).bind("start_to", filter.to());
        }
    }

    private static Grouped grouped(ReportFilter filter, TenantScope scope) {
        var widened = filter.withPeriod(filter.from(), filter.to().plus(SPAN));
        var candidates = MessageSql.where(widened, scope).and("conversation_id != ''");
        var tenant = MessageSql.tenant(scope);
        if (!filter.subaccounts().isEmpty()) {
            // bound as "subaccounts" by the candidates' conditions, to the same value
            tenant.and("subaccount_id IN {subaccounts:Array(String)}");
        }
        tenant.and("event_time >= {span_from:DateTime64(3, 'UTC')}")
                .and("event_time < {span_to:DateTime64(3, 'UTC')}")
                .and("conversation_id IN (SELECT conversation_id FROM " + MessageSql.MESSAGES + " WHERE "
                        + candidates.clause() + ")");
        var text = """
                SELECT conversation_id,
                       argMin(conversation_type, event_time) AS first_conversation_type,
                       min(event_time) AS started_at,
                       max(conversation_expires_at) AS expires_at,
                       argMin(contact_phone, event_time) AS first_contact_phone,
                       argMin(contact_wa_id, event_time) AS first_contact_wa_id,
                       argMin(contact_bsuid, event_time) AS first_contact_bsuid,
                       argMaxIf(contact_name, event_time, contact_name != '') AS contact_name,
                       argMin(campaign_id, event_time) AS first_campaign_id,
                       argMin(campaign_name, event_time) AS first_campaign_name,
                       argMin(subaccount_id, event_time) AS first_subaccount_id,
                       countIf(direction = 'MT') AS sent,
                       countIf(direction = 'MO') AS received
                FROM\s""" + MessageSql.MESSAGES + "\nWHERE " + tenant.clause() + """

                GROUP BY conversation_id
                HAVING started_at >= {start_from:DateTime64(3, 'UTC')} AND started_at < {start_to:DateTime64(3, 'UTC')}""";
        return new Grouped(text, candidates, tenant, filter);
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
