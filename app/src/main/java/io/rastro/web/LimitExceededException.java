package io.rastro.web;

/** A limit was reached. */
public final class LimitExceededException extends ApiException {

    public LimitExceededException(String field, String message) {
        super(field, message);
    }

    public LimitExceededException(String message) {
        super(null, message);
    }

    @Override
    public Kind kind() {
        return Kind.TOO_MANY_REQUESTS;
    }
}
