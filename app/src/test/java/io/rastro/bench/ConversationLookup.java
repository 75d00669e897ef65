package io.rastro.bench;

import io.rastro.report.MessageFilterInput;

/** 5. Every message of one conversation (charging window), over 90 days. */
final class ConversationLookup extends PageWorkload {

    @Override
    public String id() {
        return "5";
    }

    @Override
    public String title() {
        return "one conversation id, 90 days";
    }

    @Override
    MessageFilterInput filter(BenchContext ctx) {
        var d = ctx.dataset();
        return MessageFilterInput.builder().period(Filters.period(d.from(90), d.end())).conversationId(d
                .conversationId()).build();
    }
}
