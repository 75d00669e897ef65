package io.rastro.webhook;

/** A body that is not acceptable: answered 400 naming the field by its JSON path, and nothing of it is written. */
final class WebhookRejected extends RuntimeException {

    private final String field;

    WebhookRejected(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }

    /**
     * What is kept of a change that was valid when it arrived and no longer maps when applied later (a replay or a
     * recovery; only the time bounds can have moved): the reason, and the change as it was.
     */
    Mapped.Kept kept(String raw) {
        return new Mapped.Kept("REJECTED", field + ": " + getMessage(), raw);
    }
}
