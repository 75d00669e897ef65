package io.rastro.bench;

import io.rastro.report.Cursor;
import io.rastro.report.MessageFilterInput;
import io.rastro.store.Store;

import java.util.LinkedHashMap;

/**
 * 7. A deep page: someone pages through workload 1's report to page N (2,000 by default) following
 * {@code pageInfo.endCursor} with {@code first: 50}. The walk is done once on each side and its total time
 * reported; then the LAST page's request (its cursor is the one the service handed out) is timed like any other
 * workload. On the raw side the walk follows the same keyset: the cursor is the 50th row's (time, id), which is
 * what the service encodes. At small sizes the walk stops at the last page that exists.
 */
final class DeepPage extends PageWorkload {

    @Override
    public String id() {
        return "7";
    }

    @Override
    public String title() {
        return "deep page via cursors (last page of the walk)";
    }

    @Override
    MessageFilterInput filter(BenchContext ctx) {
        return FirstPage.mt30(ctx);
    }

    @Override
    Prepared prepare(BenchContext ctx) throws Exception {
        var input = filter(ctx);
        var target = ctx.config().deepPages();
        String after = null;
        String lastAfter = null;
        int pages = 0;
        long rows = 0;
        var started = System.nanoTime();
        while (pages < target) {
            var vars = input("filter", Filters.graphQl(input), "first", PAGE_SIZE);
            if (after != null) {
                vars.put("after", after);
            }
            var data = ctx.http().query(Documents.PAGE, java.util.Map.of("input", vars)).data().path("messages");
            lastAfter = after;
            pages++;
            rows += data.path("edges").size();
            if (!data.path("pageInfo").path("hasNextPage").asBoolean(false)) {
                break;
            }
            after = data.path("pageInfo").path("endCursor").asString(null);
        }
        var rastroWalk = System.nanoTime() - started;
        ctx.log("  walked " + pages + " pages (" + rows + " rows) in " + rastroWalk / 1_000_000 + " ms");
        var extra = new LinkedHashMap<String, Object>();
        extra.put("page", pages);
        extra.put("pagesAsked", target);
        extra.put("walkRows", rows);
        extra.put("walkRastroMs", rastroWalk / 1_000_000);
        if (ctx.config().rawWalk()) {
            started = System.nanoTime();
            var rawPages = rawWalk(ctx, input, pages);
            var rawWalk = System.nanoTime() - started;
            ctx.log("  raw walk: " + rawWalk / 1_000_000 + " ms");
            extra.put("walkRawMs", rawWalk / 1_000_000);
            extra.put("walkRatio", Stats.round((double) rastroWalk / rawWalk));
            if (rawPages != pages) {
                extra.put("walkRawPages", rawPages);
            }
        }
        return page(ctx, input, lastAfter, extra);
    }

    /**
     * The same walk on PostgreSQL, as many pages as Rastro walked, each page with its total as Rastro's are; then
     * the last page's statement is what gets timed.
     */
    @Override
    PostgresSide postgres(BenchContext ctx, Prepared prepared) throws Exception {
        var filter = ctx.validator().validate(filter(ctx), ctx.scope(), "input.filter");
        var where = PostgresPeer.Where.of(filter, Dataset.TENANT);
        var pages = ((Number) prepared.extra().get("page")).intValue();
        var connection = ctx.postgres().connection();
        Cursor after = null;
        Cursor lastAfter = null;
        var next = new Cursor[1];
        var walked = 0;
        var started = System.nanoTime();
        while (walked < pages) {
            lastAfter = after;
            PostgresPeer.page(where, after, PAGE_SIZE, c -> next[0] = c).run(connection);
            walked++;
            if (next[0] == null) {
                break;
            }
            after = next[0];
        }
        var walk = System.nanoTime() - started;
        ctx.log("  PostgreSQL walk: " + walked + " pages in " + walk / 1_000_000 + " ms");
        var extra = new LinkedHashMap<String, Object>();
        extra.put("walkPostgresMs", walk / 1_000_000);
        extra.put("walkRastroOverPostgres", Stats.round(((Number) prepared.extra().get("walkRastroMs")).doubleValue()
                / Math.max(1, walk / 1_000_000)));
        if (walked != pages) {
            extra.put("walkPostgresPages", walked);
        }
        return new PostgresSide(PostgresPeer.page(where, lastAfter, PAGE_SIZE, null), extra);
    }

    /** The same walk on the engine alone, with the cursor taken the way the service takes it. */
    private static int rawWalk(BenchContext ctx, MessageFilterInput input, int pages) {
        var scope = ctx.scope();
        var filter = ctx.validator().validate(input, scope, "input.filter");
        Store store = ctx.store();
        Cursor after = null;
        for (int page = 1; page <= pages; page++) {
            var sql = ctx.queries().page(filter, scope, after, PAGE_SIZE, null, Documents.columns(Documents.PAGE));
            var seen = new int[1];
            var last = new Cursor[1];
            store.stream(sql, row -> {
                if (++seen[0] <= PAGE_SIZE) {
                    last[0] = new Cursor(row.getInstant("event_time"), row.getString("message_id"));
                }
            });
            if (seen[0] <= PAGE_SIZE) {
                return page;
            }
            after = last[0];
        }
        return pages;
    }
}
