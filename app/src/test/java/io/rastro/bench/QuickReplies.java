package io.rastro.bench;

import io.rastro.domain.Direction;
import io.rastro.report.MessageFilterInput;

import java.util.List;
import java.util.Map;

/**
 * 8. The MO report's quick-reply chart: taps per campaign and button over 30 days. The raw side builds the
 * filter exactly as {@code ReportService.quickReplyClicks} does (direction MO, validated with field "input")
 * and reads through {@code Store.query}, as it does.
 */
final class QuickReplies extends ReportWorkload {

    @Override
    public String id() {
        return "8";
    }

    @Override
    public String title() {
        return "MO quick-reply button counts, 30 days";
    }

    @Override
    PostgresSide postgres(BenchContext ctx, Prepared prepared) {
        var d = ctx.dataset();
        var inline = MessageFilterInput.builder().period(Filters.period(d.from(30), d.end())).direction(Direction.MO)
                .build();
        var filter = ctx.validator().validate(inline, ctx.scope(), "input");
        return new PostgresSide(PostgresPeer.quickReplies(PostgresPeer.Where.of(filter, Dataset.TENANT)));
    }

    @Override
    Prepared prepare(BenchContext ctx) {
        var d = ctx.dataset();
        var period = Filters.period(d.from(30), d.end());
        var inline = MessageFilterInput.builder().period(period).direction(Direction.MO).build();
        var filter = ctx.validator().validate(inline, ctx.scope(), "input");
        var sql = ctx.queries().quickReplyClicks(filter, ctx.scope());
        return new Prepared(Documents.QUICK_REPLIES, Map.of("input", input("period", Filters.period(period))),
                data -> {
                    long taps = 0;
                    for (var row : data.path("quickReplyClicks")) {
                        taps += row.path("count").asLong(0);
                    }
                    return taps;
                },
                store -> store.query(sql, row -> row.getLong("c")).stream().mapToLong(Long::longValue).sum(),
                List.of(sql), Map.of());
    }
}
