package io.rastro.bench;

import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;
import io.rastro.report.MessageFilterInput;

import java.util.List;

/** 2. The same screen narrowed the way a campaign manager does: FAILED messages of three campaigns. */
final class FailedCampaigns extends PageWorkload {

    static final List<String> CAMPAIGNS = List.of("cmp-acme-black-friday", "cmp-acme-onboarding", "cmp-acme-renewal");

    @Override
    public String id() {
        return "2";
    }

    @Override
    public String title() {
        return "page + total, 30 days, MT, FAILED, 3 campaigns";
    }

    @Override
    MessageFilterInput filter(BenchContext ctx) {
        var d = ctx.dataset();
        return MessageFilterInput.builder().period(Filters.period(d.from(30), d.end())).direction(Direction.MT)
                .campaigns(CAMPAIGNS).statuses(List.of(MessageStatus.FAILED)).build();
    }
}
