package io.rastro.bench;

import io.rastro.report.MessageFilterInput;

/** 4. An integrator traces one of its own correlation ids; it does not know when, so it asks for 90 days. */
final class CorrelationLookup extends PageWorkload {

    @Override
    public String id() {
        return "4";
    }

    @Override
    public String title() {
        return "one correlation id, 90 days";
    }

    @Override
    MessageFilterInput filter(BenchContext ctx) {
        var d = ctx.dataset();
        return MessageFilterInput.builder().period(Filters.period(d.from(90), d.end())).correlationId(d
                .correlationId()).build();
    }
}
