package io.rastro.web;

/** The caller may not do this. */
public final class ForbiddenException extends ApiException {

    public ForbiddenException(String field, String message) {
        super(field, message);
    }

    public ForbiddenException(String message) {
        super(null, message);
    }

    @Override
    public Kind kind() {
        return Kind.FORBIDDEN;
    }
}
