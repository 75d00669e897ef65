package io.rastro.report;

import io.rastro.RastroProperties;
import io.rastro.report.Enums.CountDimension;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.Enums.TimeBucket;
import io.rastro.security.TenantScope;
import io.rastro.store.Sql;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Builds the statements of the report operations. Pure: a filter, a scope and paging in, a {@link Sql} out, so
 * the benchmark can run exactly what the service runs on the raw engine. Every statement carries the engine-side
 * limits for report queries (time, and rows read when configured).
 */
@Component
public class ReportQueries {

    private final RastroProperties.Report limits;

    public ReportQueries(RastroProperties properties) {
        this.limits = properties.report();
    }

    /**
     * One page plus the exact total in one statement. A scalar subquery counts the whole filter (no cursor) per
     * span of time, once ({@link PageHistogram}: hours, and whole days away from the page); the total is the sum,
     * and the page is then read only from the newest spans (oldest, for OLDEST_FIRST) that hold enough rows beyond
     * the cursor. That bound matters because of FINAL: a FINAL read
     * cannot stop after the first rows in key order, so without it the page read and sorted the key columns of the
     * whole period (a 30-day page of a large account took 47 ms, 15 ms with the bound). The engine folds the
     * subquery's result into a constant before it picks parts and granules, so the bound prunes like a literal.
     * Rows in a span that holds the cursor are not counted towards "enough", so the bound can only be wider than
     * needed, never too narrow.
     */
    public Sql page(ReportFilter filter, TenantScope scope, Cursor after, int limit, MessageSort sort) {
        return page(filter, scope, after, limit, sort, MessageColumns.ALL);
    }

    /** {@link #page(ReportFilter, TenantScope, Cursor, int, MessageSort)} reading only {@code columns}. */
    public Sql page(ReportFilter filter, TenantScope scope, Cursor after, int limit, MessageSort sort,
                    Set<MessageColumns.Column> columns) {
        var select = MessageColumns.select(columns);
        var page = MessageSql.where(filter, scope);
        var newest = sort != MessageSort.OLDEST_FIRST;
        if (page.pointLookup()) {
            return lookupPage(page, after, limit, newest, select);
        }
        // the histogram counts the whole filter: it is built before the cursor narrows the page
        var wholeDays = PageHistogram.wholeDays(filter.from(), filter.to(), after);
        var spans = PageHistogram.subquery(page, newest, wholeDays);
        var beyond = after == null ? "spans"
                : newest ? "arrayFilter(x -> x.2 <= toStartOfHour({cursor_time:DateTime64(3, 'UTC')}), spans)"
                : "arrayFilter(x -> x.1 > toStartOfHour({cursor_time:DateTime64(3, 'UTC')}), spans)";
        if (after != null) {
            // the time alone as well: a plain range on the sort key, for pruning parts and granules
            page.and((newest ? "event_time <= " : "event_time >= ") + "{cursor_time:DateTime64(3, 'UTC')} AND "
                    + beyondCursor(newest));
        }
        page.and(newest ? "event_time >= page_bound" : "event_time < page_bound");
        var bound = newest
                ? "if(enough = 0, {period_from:DateTime64(3, 'UTC')}, toDateTime64(beyond[enough].1, 3, 'UTC'))"
                : "if(enough = 0, {period_to:DateTime64(3, 'UTC')}, toDateTime64(beyond[enough].2, 3, 'UTC'))";
        var sql = Sql.of("WITH " + spans + " AS spans,\n     arraySum(x -> x.3, spans) AS total_count,\n     "
                + beyond + " AS beyond,\n     "
                + "arrayFirstIndex(r -> r >= {page_limit:UInt32}, arrayCumSum(x -> x.3, beyond)) AS enough,\n     "
                + bound + " AS page_bound\nSELECT " + select + ",\n       total_count\nFROM "
                + MessageSql.MESSAGES + "\nWHERE " + page.clause() + "\nORDER BY " + order(newest)
                + "\nLIMIT {page_limit:UInt32}").bind("page_limit", limit + 1);
        if (!wholeDays.isEmpty()) {
            sql = sql.bind(PageHistogram.WHOLE_DAYS, wholeDays);
        }
        return limited(page.apply(withCursor(sql, after)));
    }

    /**
     * A page of a point lookup (phone, correlation id, conversation id...): the filter matches the few messages of
     * one key, so the total is a window count over those rows, read once, and the cursor narrows them afterwards.
     * The histogram shape would read them twice, and pay for the key lookup twice: on 100M messages this shape took
     * 20 ms against 31-34 ms on the engine alone. Never for period filters: the window would read every row's
     * columns. The lookup's own conditions are a PREWHERE ({@link MessageSql#prewhereClause()}).
     */
    private Sql lookupPage(MessageSql page, Cursor after, int limit, boolean newest, String select) {
        var cursor = after == null ? "" : "\nWHERE " + beyondCursor(newest);
        var sql = Sql.of("SELECT *\nFROM\n(\n    SELECT " + select
                + ",\n           count() OVER () AS total_count\n    FROM " + MessageSql.MESSAGES
                + "\n    PREWHERE " + page.prewhereClause() + "\n    WHERE " + page.clauseAfterPrewhere() + "\n)"
                + cursor + "\nORDER BY " + order(newest) + "\nLIMIT {page_limit:UInt32}").bind("page_limit", limit + 1);
        return limited(page.apply(withCursor(sql, after)));
    }

    /** Report order: the key the cursor is made of, newest or oldest first. */
    private static String order(boolean newest) {
        return newest ? "event_time DESC, message_id DESC" : "event_time ASC, message_id ASC";
    }

    /** The rows after the cursor in report order (parameters bound by {@link #withCursor}). */
    private static String beyondCursor(boolean newest) {
        return "(event_time, message_id) " + (newest ? "<" : ">")
                + " ({cursor_time:DateTime64(3, 'UTC')}, {cursor_id:String})";
    }

    private static Sql withCursor(Sql sql, Cursor after) {
        return after == null ? sql : sql.bind("cursor_time", after.time()).bind("cursor_id", after.id());
    }

    /** The exact total alone (for a page that came back empty, which carries no total column). */
    public Sql count(ReportFilter filter, TenantScope scope) {
        var where = MessageSql.where(filter, scope);
        return limited(where.apply(Sql.of("SELECT count() AS total_count FROM " + MessageSql.MESSAGES
                + " WHERE " + where.clause())));
    }

    /** All rows of a filter in report order, for exports: the same WHERE as the page, no limit. */
    public Sql rows(ReportFilter filter, TenantScope scope, MessageSort sort, String extraCondition) {
        var where = MessageSql.where(filter, scope);
        if (extraCondition != null) {
            where.and(extraCondition);
        }
        return where.apply(Sql.of("SELECT " + MessageColumns.SELECT + "\nFROM " + MessageSql.MESSAGES
                + "\nWHERE " + where.clause() + "\nORDER BY " + order(sort != MessageSort.OLDEST_FIRST))).setting(FINAL_PER_PARTITION, 1);
    }

    /**
     * The filter's rows (and {@code extraCondition}'s) per UTC day, as {@code day} (epoch seconds) and {@code c}, in
     * day order: what an export plans its slices and its exact total by. Days wholly inside the period are counted
     * per partition and their rows' event_time is not read, as in {@link PageHistogram}: at 100M messages an
     * account-month's counts took 98-103 ms read row by row and 53 ms so.
     */
    public Sql dayCounts(ReportFilter filter, TenantScope scope, String extraCondition) {
        var where = MessageSql.where(filter, scope);
        if (extraCondition != null) {
            where.and(extraCondition);
        }
        var wholeDays = PageHistogram.wholeDays(filter.from(), filter.to(), null);
        var edges = "SELECT toUnixTimestamp(toStartOfDay(event_time)) AS day, count() AS c FROM " + MessageSql.MESSAGES
                + " WHERE " + where.clause();
        var counts = wholeDays.isEmpty() ? edges + " GROUP BY day"
                : edges + PageHistogram.OUTSIDE_WHOLE_DAYS + " GROUP BY day\nUNION ALL SELECT toUnixTimestamp("
                + PageHistogram.DAY_OF_PARTITION + ") AS day, c FROM " + PageHistogram.wholeDayCounts(where);
        var sql = where.apply(Sql.of("SELECT day, c FROM (" + counts + ")\nORDER BY day")).setting(FINAL_PER_PARTITION, 1);
        return wholeDays.isEmpty() ? sql : sql.bind(PageHistogram.WHOLE_DAYS, wholeDays);
    }

    /**
     * The filter's rows (and {@code extraCondition}'s) per status, as {@code status} and {@code c}, most first: the
     * counts by status a document for people leads with.
     */
    public Sql statusCounts(ReportFilter filter, TenantScope scope, String extraCondition) {
        var where = MessageSql.where(filter, scope);
        if (extraCondition != null) {
            where.and(extraCondition);
        }
        return where.apply(Sql.of("SELECT status, count() AS c FROM " + MessageSql.MESSAGES + " WHERE "
                + where.clause() + " GROUP BY status ORDER BY c DESC, status")).setting(FINAL_PER_PARTITION, 1);
    }

    /**
     * One message by id, within the scope: the id lookup finds its time, then the primary key finds the row, read
     * as {@code columns}.
     */
    public Sql byId(String id, TenantScope scope, Set<MessageColumns.Column> columns) {
        return byIds(List.of(id), scope, columns);
    }

    /**
     * Messages by id, within the scope, one statement for all of them (at most one row per id). The id and key
     * conditions are a PREWHERE, as for every point lookup ({@link MessageSql#prewhereClause()} says why).
     */
    public Sql byIds(java.util.Collection<String> ids, TenantScope scope) {
        return byIds(ids, scope, MessageColumns.ALL);
    }

    private Sql byIds(java.util.Collection<String> ids, TenantScope scope, Set<MessageColumns.Column> columns) {
        var subaccounts = scope.allSubaccounts() ? "" : " AND subaccount_id IN {tenant_subaccounts:Array(String)}";
        var sql = Sql.of("SELECT " + MessageColumns.select(columns) + "\nFROM " + MessageSql.MESSAGES + """

                PREWHERE message_id IN {ids:Array(String)}
                  AND (event_time, message_id) IN (SELECT event_time, message_id FROM rastro.message_keys
                       WHERE account_id = {tenant_account:String} AND kind = 'ID' AND value IN {ids:Array(String)})
                WHERE account_id = {tenant_account:String}""" + subaccounts + "\nLIMIT 1 BY message_id")
                .bind("tenant_account", scope.accountId()).bind("ids", List.copyOf(ids));
        if (!scope.allSubaccounts()) {
            sql = sql.bind("tenant_subaccounts", List.copyOf(scope.subaccounts()));
        }
        return limited(sql);
    }

    /** Status histories of messages already known to be visible (their ids came from scoped rows). */
    public Sql histories(String accountId, List<String> ids) {
        return limited(Sql.of("""
                SELECT message_id, status, status_at, error_code, error_title
                FROM rastro.status_events FINAL
                WHERE account_id = {tenant_account:String} AND message_id IN {ids:Array(String)}
                ORDER BY message_id, status_at, status""").bind("tenant_account", accountId).bind("ids", ids));
    }

    /**
     * Counts grouped by dimensions and an optional bucket, in the given zone. Without dimensions or bucket the
     * result is one row: the total. At most {@code rastro.report.max-groups} + 1 groups come back and the engine
     * builds no more than that many per thread ({@link #capGroups}): so neither the heap nor the engine holds an
     * unbounded answer, whatever the dimensions and bucket.
     *
     * <p>The engine groups a composite key several times faster when every part has a fixed size. So when a text
     * dimension is grouped together with a bucket or another dimension, it is grouped by its value's position in
     * the list of its distinct values over the same filter, read once beforehand without FINAL, and the position
     * is turned back into text for the result rows. That list holds every value a current row can have, because
     * each current row is one of the rows it was read from; a value that no current row has simply forms no
     * group. Counts by campaign x day over an account-month at 100M: 390-398 -> 334-345 ms. Alone, a text dimension
     * is grouped as it is: the engine groups a single LowCardinality key quickly, and the extra read would cost
     * more than it saves.
     */
    public Sql counts(ReportFilter filter, TenantScope scope, List<CountDimension> groupBy, TimeBucket bucket,
                      ZoneId zone) {
        var where = MessageSql.where(filter, scope);
        var composite = bucket != null || groupBy.size() > 1;
        var values = new java.util.ArrayList<String>();
        var select = new StringBuilder("SELECT ");
        var group = new java.util.ArrayList<String>();
        if (bucket != null) {
            select.append(bucket.expression).append(" AS bucket, ");
            group.add("bucket");
        }
        for (int i = 0; i < groupBy.size(); i++) {
            var dimension = groupBy.get(i);
            if (composite && dimension.text) {
                var list = "values" + i;
                // without FINAL on purpose: every version of every row, so a superset of the current rows' values
                values.add("(SELECT groupUniqArray(toString(" + dimension.key + ")) FROM rastro.messages WHERE "
                        + where.clause() + ") AS " + list);
                select.append("transform(toString(").append(dimension.key).append("), ").append(list)
                        .append(", arrayEnumerate(").append(list).append("), 0) AS g").append(i).append(", ")
                        .append(list).append("[g").append(i).append("] AS k").append(i).append(", ");
            } else {
                select.append(dimension.key).append(" AS g").append(i).append(", ")
                        .append(dimension.label("g" + i)).append(" AS k").append(i).append(", ");
            }
            group.add("g" + i);
        }
        if (!values.isEmpty()) {
            select.insert(0, "WITH " + String.join(",\n     ", values) + "\n");
        }
        select.append("count() AS c FROM ").append(MessageSql.MESSAGES).append(" WHERE ").append(where.clause());
        if (!group.isEmpty()) {
            select.append(" GROUP BY ").append(String.join(", ", group));
            select.append(" ORDER BY ").append(bucket != null ? "bucket, " : "").append("c DESC");
            for (int i = 0; i < groupBy.size(); i++) {
                select.append(", k").append(i);
            }
            select.append(" LIMIT {max_groups:UInt32}");
        }
        var sql = Sql.of(select.toString());
        if (!group.isEmpty()) {
            sql = capGroups(sql, limits.maxGroups());
        }
        if (bucket != null) {
            sql = sql.bind("tz", zone.getId());
        }
        return limited(where.apply(sql));
    }

    /**
     * Binds {@code max_groups} and bounds the groups a statement builds to {@code cap} + 1, so the caller can tell a
     * whole answer (at most {@code cap} rows) from a cut one ({@code cap} + 1 rows), and neither the engine nor the
     * heap holds an unbounded number of groups.
     *
     * <p>The engine checks {@code max_rows_to_group_by} per aggregating thread. In {@code 'throw'} mode a request
     * over the cap therefore either failed in the engine or came back cut by the LIMIT, depending on how the rows
     * fell between threads, and the two looked different to the caller. In {@code 'break'} a thread that passes the
     * cap stops adding groups and the query goes on: that thread alone holds more than {@code cap} + 1 groups, so
     * the merged answer is cut by the LIMIT either way, one outcome ({@code GroupCapTest}).
     */
    static Sql capGroups(Sql sql, int cap) {
        return sql.bind("max_groups", cap + 1).setting("max_rows_to_group_by", cap + 1)
                .setting("group_by_overflow_mode", "'break'");
    }

    /** Quick-reply taps per campaign and button (MO rows that carry a button payload). */
    public Sql quickReplyClicks(ReportFilter filter, TenantScope scope) {
        var where = MessageSql.where(filter, scope).and("direction = 'MO'").and("button_payload != ''");
        return limited(where.apply(Sql.of("""
                SELECT campaign_id, any(campaign_name) AS campaign_name, button_payload, any(button_text) AS button_text,
                       count() AS c,\s""" + "uniqExact(" + MessageSql.CONTACT_KEY + ") AS contacts\nFROM "
                + MessageSql.MESSAGES + " WHERE " + where.clause() + """

                GROUP BY campaign_id, button_payload
                ORDER BY c DESC, campaign_id, button_payload""")));
    }

    /**
     * FINAL merges versions within each partition only: every version of a message shares its partition (the day
     * of its time), and a day compacted to one part then needs no merging at all.
     */
    static final String FINAL_PER_PARTITION = "do_not_merge_across_partitions_select_final";

    /** Adds the report limits (no single request may monopolise the engine) and the FINAL setting. */
    public Sql limited(Sql sql) {
        var out = sql.setting("max_execution_time", limits.maxExecutionTime()).setting(FINAL_PER_PARTITION, 1);
        if (limits.maxRowsToRead() > 0) {
            out = out.setting("max_rows_to_read", limits.maxRowsToRead());
        }
        return out;
    }
}
