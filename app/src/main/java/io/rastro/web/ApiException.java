package io.rastro.web;

/**
 * An expected failure with a message a person understands. Subclasses fix the classification; {@code field}
 * names the input at fault when there is one.
 */
public abstract sealed class ApiException extends RuntimeException
        permits BadRequestException, NotFoundException, ForbiddenException, UnauthorizedException,
        LimitExceededException, ConflictException {

    private final String field;

    protected ApiException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The GraphQL classification and the HTTP status for this kind of failure. */
    public abstract Kind kind();

    public enum Kind {
        BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_MANY_REQUESTS(429),
        /** The request asks for more work than one request may do (statements, groups, bytes). */
        LIMIT_EXCEEDED(413);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }
}
