package io.rastro.bench;

import io.rastro.report.MessageFilterInput;

/**
 * 13. The reply outcome filter: workload 1's page (Acme's sent messages of the last 30 days, first 50 rows and the
 * exact total) kept to the messages that got a reply. Its Rastro time over workload 1's is the filter's cost
 * (target: at most 1.3x, issue #20).
 */
final class RepliedPage extends PageWorkload {

    @Override
    public String id() {
        return "13";
    }

    @Override
    public String title() {
        return "first page (50) + total, Acme, 30 days, MT, replied: true";
    }

    @Override
    MessageFilterInput filter(BenchContext ctx) {
        var f = FirstPage.mt30(ctx);
        return MessageFilterInput.builder().period(f.period()).direction(f.direction()).replied(true).build();
    }

    /** The peer holds no replies table: the reply filter has no PostgreSQL side (yet). */
    @Override
    PostgresSide postgres(BenchContext ctx, Prepared prepared) {
        return null;
    }

    @Override
    boolean mixed() {
        return false;
    }
}
