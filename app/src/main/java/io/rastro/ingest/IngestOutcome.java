package io.rastro.ingest;

import java.util.List;

/** What became of one batch. */
public sealed interface IngestOutcome {

    /** Every line was valid and every event is stored and applied. */
    record Accepted(long events) implements IngestOutcome {
    }

    /**
     * At least one line was invalid, so nothing was written.
     *
     * @param rejections the first rejected lines, by line number (at most {@link Rejections#MAX_LISTED})
     * @param total      how many lines were rejected in all
     */
    record Rejected(List<Rejection> rejections, long total) implements IngestOutcome {
    }

    /** The batch exceeded a size limit; reading stopped there and nothing was written. */
    record TooLarge(String message) implements IngestOutcome {
    }
}
