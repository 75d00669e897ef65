package io.rastro.bench;

import io.rastro.report.Cursor;
import io.rastro.report.MessageFilterInput;

import java.util.List;
import java.util.Map;

/**
 * A page of the detailed report with its exact total: {@code messages(input: {filter, first: 50, after})}, and on
 * the raw side {@code ReportQueries.page} for the same validated filter, read through {@code Store.stream} as
 * {@code ReportService.messages} reads it (plus the count statement the service adds for an empty later page).
 */
abstract class PageWorkload extends ReportWorkload {

    static final int PAGE_SIZE = 50;

    /** The filter a client would send for this workload. */
    abstract MessageFilterInput filter(BenchContext ctx);

    /** The document the client sends: every column of a report row unless a workload shows fewer. */
    String document() {
        return Documents.PAGE;
    }

    @Override
    Prepared prepare(BenchContext ctx) throws Exception {
        return page(ctx, document(), filter(ctx), null, Map.of());
    }

    /** The same filter on PostgreSQL: the first page with its total. */
    @Override
    PostgresSide postgres(BenchContext ctx, Prepared prepared) throws Exception {
        var filter = ctx.validator().validate(filter(ctx), ctx.scope(), "input.filter");
        return new PostgresSide(PostgresPeer.page(PostgresPeer.Where.of(filter, Dataset.TENANT), null, PAGE_SIZE, null));
    }

    static Prepared page(BenchContext ctx, MessageFilterInput input, String after, Map<String, Object> extra) {
        return page(ctx, Documents.PAGE, input, after, extra);
    }

    static Prepared page(BenchContext ctx, String document, MessageFilterInput input, String after,
                         Map<String, Object> extra) {
        var variables = input("filter", Filters.graphQl(input), "first", PAGE_SIZE);
        if (after != null) {
            variables.put("after", after);
        }
        // The statement(s) ReportService.messages runs, built once by the same builders.
        var scope = ctx.scope();
        var filter = ctx.validator().validate(input, scope, "input.filter");
        var cursor = after == null ? null : Cursor.decode(after, "after");
        var page = ctx.queries().page(filter, scope, cursor, PAGE_SIZE, null, Documents.columns(document));
        var count = ctx.queries().count(filter, scope);
        RawCall raw = store -> {
            var total = new long[] {-1};
            store.stream(page, row -> total[0] = row.getLong("total_count"));
            if (total[0] < 0) {
                total[0] = cursor == null ? 0 : store.query(count, row -> row.getLong("total_count")).getFirst();
            }
            return total[0];
        };
        return new Prepared(document, Map.of("input", variables),
                data -> data.path("messages").path("totalCount").asLong(-1), raw, List.of(page), extra);
    }
}
