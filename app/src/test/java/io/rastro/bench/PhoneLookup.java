package io.rastro.bench;

import io.rastro.report.MessageFilterInput;

/** 3. A support agent looks up one customer's phone number over the longest period (90 days). */
final class PhoneLookup extends PageWorkload {

    @Override
    public String id() {
        return "3";
    }

    @Override
    public String title() {
        return "one phone number, 90 days";
    }

    @Override
    MessageFilterInput filter(BenchContext ctx) {
        var d = ctx.dataset();
        // As a person types it: with a plus sign; the validator normalises it to E.164 digits.
        return MessageFilterInput.builder().period(Filters.period(d.from(90), d.end())).contact("+" + d.phone())
                .build();
    }
}
