package io.rastro.domain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A message's status, and the precedence by which its current status is chosen from all its steps: ACCEPTED 0 &lt;
 * SENT 1 &lt; FAILED 2 &lt; DELIVERED 3 &lt; READ 4 &lt; PLAYED 5 (a delivery reported after a failure outranks it).
 * RECEIVED (an MO message's only status), DELETED and WARNING take no part in it: a recompute never picks them.
 */
public enum MessageStatus {
    /** An MT message as its own event stores it, before WhatsApp reports a step. */
    ACCEPTED(0, false, false),
    SENT(1, true, false),
    DELIVERED(3, true, false),
    READ(4, true, true),
    PLAYED(5, true, true),
    FAILED(2, true, true),
    RECEIVED(null, false, true),
    /** Reported by WhatsApp's webhook only (a message deleted by its sender); kept in the history. */
    DELETED(null, false, true),
    /** Reported by WhatsApp's webhook only (a message flagged, not failed); kept in the history. */
    WARNING(null, false, false);

    private final Integer rank;
    private final boolean fromEvents;
    private final boolean ends;

    MessageStatus(Integer rank, boolean fromEvents, boolean ends) {
        this.rank = rank;
        this.fromEvents = fromEvents;
        this.ends = ends;
    }

    /** Its place in the precedence, or null when it takes no part in it. */
    public Integer rank() {
        return rank;
    }

    /** Whether an ingested status event may report it (docs/events.md). */
    public boolean fromEvents() {
        return fromEvents;
    }

    /**
     * Whether no further step is expected after it: the message failed, was seen (read, or a voice note played),
     * was deleted, or is a received one. A message at SENT, DELIVERED or ACCEPTED is still on its way.
     */
    public boolean ends() {
        return ends;
    }

    /** Whether WhatsApp's webhook reports it, by its lower-case name ({@link #byWebhookName()}). */
    public boolean fromWebhook() {
        return rank != null && rank > 0 || this == DELETED || this == WARNING;
    }

    /** The statuses of the precedence, lowest first. */
    public static java.util.List<MessageStatus> byRank() {
        return Arrays.stream(values()).filter(s -> s.rank != null)
                .sorted(Comparator.comparing(MessageStatus::rank)).toList();
    }

    /** The names of the statuses an ingested event may report. */
    public static Set<String> eventNames() {
        return names(MessageStatus::fromEvents);
    }

    /** Cloud API status names ("sent", "read", ...) and the status each becomes. */
    public static Map<String, String> byWebhookName() {
        return Arrays.stream(values()).filter(MessageStatus::fromWebhook)
                .collect(Collectors.toUnmodifiableMap(s -> s.name().toLowerCase(Locale.ROOT), Enum::name));
    }

    /**
     * The precedence in SQL over a column {@code status}: its rank as an Int8, -1 for a status outside it. The one
     * spelling of it that statements use, generated from the ranks above.
     */
    public static String rankSql(String column) {
        var cases = byRank().stream().map(s -> column + " = '" + s.name() + "', " + s.rank)
                .collect(Collectors.joining(", "));
        return "toInt8(multiIf(" + cases + ", -1))";
    }

    /** The statuses ranked above {@code status} as an SQL list, e.g. {@code ('READ', 'PLAYED')} above DELIVERED. */
    public static String aboveSql(MessageStatus status) {
        return byRank().stream().filter(s -> s.rank > status.rank).map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static Set<String> names(Predicate<MessageStatus> which) {
        return Arrays.stream(values()).filter(which).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }
}
