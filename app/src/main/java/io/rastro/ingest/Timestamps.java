package io.rastro.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as the engine's JSONEachRow input reads a {@code DateTime64(3, 'UTC')} column. */
final class Timestamps {

    private static final DateTimeFormatter ENGINE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String engine(Instant instant) {
        return ENGINE.format(instant);
    }
}
