package io.rastro.ingest;

/** One event line is invalid; carries the field at fault. Never leaves the ingest package. */
final class LineRejectedException extends RuntimeException {

    private final String field;

    LineRejectedException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
