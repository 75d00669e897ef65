package io.rastro.web;

/** Bad input. */
public final class BadRequestException extends ApiException {

    public BadRequestException(String field, String message) {
        super(field, message);
    }

    public BadRequestException(String message) {
        super(null, message);
    }

    @Override
    public Kind kind() {
        return Kind.BAD_REQUEST;
    }
}
