package io.rastro.web;

/** The request conflicts with the current state. */
public final class ConflictException extends ApiException {

    public ConflictException(String field, String message) {
        super(field, message);
    }

    public ConflictException(String message) {
        super(null, message);
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }
}
