package io.rastro.web;

/** No authenticated caller. */
public final class UnauthorizedException extends ApiException {

    public UnauthorizedException() {
        super(null, "Authentication is required.");
    }

    @Override
    public Kind kind() {
        return Kind.UNAUTHORIZED;
    }
}
