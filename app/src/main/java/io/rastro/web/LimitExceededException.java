package io.rastro.web;

/**
 * A limit was reached: too many things running at once (TOO_MANY_REQUESTS, retry later), or a request that asks
 * for more than one request may do (LIMIT_EXCEEDED, see {@link #tooLarge}; retrying the same request fails again).
 */
public final class LimitExceededException extends ApiException {

    private final Kind kind;

    public LimitExceededException(String field, String message) {
        this(field, message, Kind.TOO_MANY_REQUESTS);
    }

    public LimitExceededException(String message) {
        this(null, message);
    }

    private LimitExceededException(String field, String message, Kind kind) {
        super(field, message);
        this.kind = kind;
    }

    /** The request itself is too large: it must be made smaller, not retried. */
    public static LimitExceededException tooLarge(String field, String message) {
        return new LimitExceededException(field, message, Kind.LIMIT_EXCEEDED);
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
