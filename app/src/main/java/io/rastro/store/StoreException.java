package io.rastro.store;

/** The engine refused or failed a statement. The message is the engine's, for logs; never shown to clients. */
public class StoreException extends RuntimeException {

    private final int engineCode;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
        this.engineCode = parseCode(message);
    }

    public StoreException(String message) {
        this(message, null);
    }

    /** ClickHouse's numeric error code (e.g. 159 TIMEOUT_EXCEEDED, 241 MEMORY_LIMIT_EXCEEDED), or -1. */
    public int engineCode() {
        return engineCode;
    }

    /** True when the statement hit one of the limits set to protect the engine (time, rows, memory). */
    public boolean isLimitExceeded() {
        return engineCode == 159 || engineCode == 158 || engineCode == 241 || engineCode == 160
                || engineCode == 396 || engineCode == 307;
    }

    private static int parseCode(String message) {
        if (message == null) {
            return -1;
        }
        var m = java.util.regex.Pattern.compile("Code: (\\d+)").matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
