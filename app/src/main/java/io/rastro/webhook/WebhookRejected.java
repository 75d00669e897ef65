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
}
