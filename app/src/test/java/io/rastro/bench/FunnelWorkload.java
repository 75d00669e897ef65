package io.rastro.bench;

import io.rastro.insight.Funnel;
import io.rastro.report.Enums.CountDimension;

import java.util.List;
import java.util.Map;

/**
 * 14. The funnel per campaign over Acme's last 30 days: sent, delivered, read, replied, clicked, failed. Raw side:
 * {@code Funnel.statement} through {@code Store.stream}, as {@code Funnel.funnel} runs it.
 */
final class FunnelWorkload extends ReportWorkload {

    static final String DOCUMENT = """
            query Funnel($input: FunnelInput!) {
              funnel(input: $input) { total { sent } groups { keys { value } sent delivered read replied clicked failed } }
            }""";

    @Override
    public String id() {
        return "14";
    }

    @Override
    public String title() {
        return "funnel by campaign, 30 days";
    }

    @Override
    Prepared prepare(BenchContext ctx) {
        var d = ctx.dataset();
        var input = Filters.of(Filters.period(d.from(30), d.end()));
        var filter = ctx.validator().validate(input, ctx.scope(), "input.filter");
        var sql = Funnel.statement(filter, ctx.scope(), List.of(CountDimension.CAMPAIGN));
        return new Prepared(DOCUMENT, Map.of("input", input("filter", Filters.graphQl(input), "groupBy", List.of("CAMPAIGN"))),
                data -> data.path("funnel").path("total").path("sent").asLong(-1),
                store -> {
                    var sent = new long[1];
                    store.stream(sql, row -> sent[0] += row.getLong("sent"));
                    return sent[0];
                }, List.of(sql), Map.of());
    }

    @Override
    boolean mixed() {
        return false;
    }
}
