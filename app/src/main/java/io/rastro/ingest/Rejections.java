package io.rastro.ingest;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The rejected lines of a batch: all are counted, only the first {@link #MAX_LISTED} by line number are kept, so a
 * batch of a million bad lines does not build a million-entry response. Lines are not always rejected in order
 * (store checks run per chunk), hence a bounded heap rather than a list.
 */
final class Rejections {

    static final int MAX_LISTED = 1000;

    private final PriorityQueue<Rejection> kept = new PriorityQueue<>(
            Comparator.comparingLong(Rejection::line).reversed());
    private long total;

    void add(long line, String field, String reason) {
        total++;
        kept.add(new Rejection(line, field, reason));
        if (kept.size() > MAX_LISTED) {
            kept.poll();
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    long total() {
        return total;
    }

    List<Rejection> listed() {
        return kept.stream().sorted(Comparator.comparingLong(Rejection::line)).toList();
    }
}
