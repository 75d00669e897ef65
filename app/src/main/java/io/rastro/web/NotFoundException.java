package io.rastro.web;

/** Nothing with that id is visible to the caller. */
public final class NotFoundException extends ApiException {

    public NotFoundException(String field, String message) {
        super(field, message);
    }

    public NotFoundException(String message) {
        super(null, message);
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }
}
