package io.rastro.bench;

import io.rastro.report.Enums.CountDimension;
import io.rastro.report.Enums.TimeBucket;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * 6. The dashboard chart: Acme's messages of the last 30 days by status and day, in São Paulo time. Raw side:
 * {@code ReportQueries.counts} through {@code Store.stream}, as {@code ReportService.counts} runs it.
 */
final class CountsByStatusDay extends ReportWorkload {

    static final String ZONE = "America/Sao_Paulo";

    @Override
    public String id() {
        return "6";
    }

    @Override
    public String title() {
        return "counts by status x day, 30 days";
    }

    @Override
    PostgresSide postgres(BenchContext ctx, Prepared prepared) {
        var d = ctx.dataset();
        var filter = ctx.validator().validate(Filters.of(Filters.period(d.from(30), d.end())), ctx.scope(), "input.filter");
        return new PostgresSide(PostgresPeer.countsByDayAndStatus(PostgresPeer.Where.of(filter, Dataset.TENANT), ZONE));
    }

    @Override
    Prepared prepare(BenchContext ctx) {
        var d = ctx.dataset();
        var input = Filters.of(Filters.period(d.from(30), d.end()));
        var filter = ctx.validator().validate(input, ctx.scope(), "input.filter");
        var sql = ctx.queries().counts(filter, ctx.scope(), List.of(CountDimension.STATUS), TimeBucket.DAY,
                ZoneId.of(ZONE));
        var variables = input("filter", Filters.graphQl(input), "groupBy", List.of("STATUS"), "bucket", "DAY",
                "timeZone", ZONE);
        return new Prepared(Documents.COUNTS, Map.of("input", variables),
                data -> data.path("messageCounts").path("total").asLong(-1),
                store -> {
                    var total = new long[1];
                    store.stream(sql, row -> total[0] += row.getLong("c"));
                    return total[0];
                }, List.of(sql), Map.of());
    }
}
