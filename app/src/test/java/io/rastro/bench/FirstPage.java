package io.rastro.bench;

import io.rastro.domain.Direction;
import io.rastro.report.MessageFilterInput;

/** 1. The report's opening screen: Acme's sent messages of the last 30 days, first 50 rows and the exact total. */
final class FirstPage extends PageWorkload {

    @Override
    public String id() {
        return "1";
    }

    @Override
    public String title() {
        return "first page (50) + total, Acme, 30 days, MT";
    }

    @Override
    MessageFilterInput filter(BenchContext ctx) {
        return mt30(ctx);
    }

    static MessageFilterInput mt30(BenchContext ctx) {
        var d = ctx.dataset();
        return MessageFilterInput.builder().period(Filters.period(d.from(30), d.end())).direction(Direction.MT).build();
    }
}
