package io.rastro.report;

import io.rastro.domain.MessageStatus;

/**
 * The report's own enumerations, named as in the GraphQL contract. The message's own ones (direction, status,
 * content and conversation type) are the domain's ({@link io.rastro.domain}).
 */
public final class Enums {

    private Enums() {
    }

    public enum MessageSort { NEWEST_FIRST, OLDEST_FIRST }

    /**
     * Count dimensions; each knows the expression it is grouped by (code, never input). The engine groups
     * fixed-size keys several times faster than text, so a dimension is grouped by a number, an enum or a flag
     * where its values allow, and turned into text only for the few result rows ({@link #label}). Status is a
     * closed set: it is grouped as an Enum8 of {@link MessageStatus} (counts by status x day over an account-month
     * at 100M: 444-460 -> 300-318 ms). A status outside that set would fail the statement, not be miscounted; no
     * write path can store one (ingestion validates it, the recompute and the generator only write these).
     * Open sets stay text ({@link #text}); see {@code ReportQueries.counts} for how they are grouped.
     */
    /**
     * Why a sent message was free, or that it was not: the one place where WhatsApp's pricing type becomes it.
     * Meta's pricing types: {@code free_customer_service} (a service window was open), {@code free_entry_point}
     * (72 h after a click-to-WhatsApp ad or a Page button), {@code regular} (charged).
     */
    public enum FreeReason {
        SERVICE_WINDOW, FREE_ENTRY_POINT, NOT_FREE;

        /** Null while no pricing reached the message. */
        public static FreeReason of(String pricingType, Boolean billable) {
            if (pricingType == null || pricingType.isEmpty()) {
                return Boolean.TRUE.equals(billable) ? NOT_FREE : null;
            }
            return switch (pricingType) {
                case "free_customer_service" -> SERVICE_WINDOW;
                case "free_entry_point" -> FREE_ENTRY_POINT;
                default -> NOT_FREE;
            };
        }

        /** The same rule in SQL over a row's pricing columns ('' while unknown), for counts and exports. */
        public static final String SQL = "multiIf(pricing_type = 'free_customer_service', 'SERVICE_WINDOW', "
                + "pricing_type = 'free_entry_point', 'FREE_ENTRY_POINT', "
                + "pricing_type != '' OR pricing_billable = true, 'NOT_FREE', '')";
    }

    public enum CountDimension {
        STATUS("CAST(status, '" + enum8(MessageStatus.values()) + "')", false),
        DIRECTION("direction", false),
        SUBACCOUNT("subaccount_id", true),
        USER("user_id", true),
        CAMPAIGN("campaign_id", true),
        CONTENT_TYPE("content_type", true),
        CONVERSATION_TYPE("conversation_type", true),
        ERROR_CODE("error_code", false),
        /**
         * MT only, as the filter {@code sentWithSession} is: MO messages form a group of their own, "n/a", so that
         * the "false" group holds exactly what {@code sentWithSession: false} matches. Grouped as 0 (MO), 1, 2.
         */
        SENT_WITH_SESSION("if(direction = 'MO', 0, toUInt8(sent_with_session) + 1)", false) {
            @Override
            public String label(String keyAlias) {
                return "['" + NOT_APPLICABLE + "', 'false', 'true'][" + keyAlias + " + 1]";
            }
        },
        /** Whether WhatsApp bills it: "true", "false", or "" while no pricing reached it. */
        BILLABLE("multiIf(pricing_billable IS NULL, '', pricing_billable, 'true', 'false')", true),
        /** WhatsApp's pricing category (marketing, utility, authentication, service, ...). */
        PRICING_CATEGORY("pricing_category", true),
        /** Why it was free: SERVICE_WINDOW, FREE_ENTRY_POINT, NOT_FREE, or "" while unknown. */
        FREE_REASON(FreeReason.SQL, true);

        /** The value of a dimension that does not apply to a message (SENT_WITH_SESSION of an MO message). */
        public static final String NOT_APPLICABLE = "n/a";

        /** What the rows are grouped by. */
        public final String key;

        /** Whether the key is text: values from an open set (or a closed one that stays text, see above). */
        public final boolean text;

        CountDimension(String key, boolean text) {
            this.key = key;
            this.text = text;
        }

        /** The dimension's value as text (as stored: names, digits, true/false), from the alias of its key. */
        public String label(String keyAlias) {
            return "toString(" + keyAlias + ")";
        }
    }

    /** An Enum8 type whose elements are these names, numbered in name order so that it sorts as the text does. */
    private static String enum8(Enum<?>[] values) {
        var names = java.util.Arrays.stream(values).map(Enum::name).sorted().toList();
        var elements = new java.util.ArrayList<String>();
        for (int i = 0; i < names.size(); i++) {
            elements.add("\\'" + names.get(i) + "\\' = " + (i + 1));
        }
        return "Enum8(" + String.join(", ", elements) + ")";
    }

    /** Time buckets; each knows its expression in the request's zone ({tz:String} is bound). */
    public enum TimeBucket {
        HOUR("toStartOfHour(event_time, {tz:String})"),
        DAY("toStartOfDay(event_time, {tz:String})"),
        WEEK("toDateTime(toStartOfWeek(event_time, 1, {tz:String}), {tz:String})"),
        MONTH("toDateTime(toStartOfMonth(event_time, {tz:String}), {tz:String})");

        public final String expression;

        TimeBucket(String expression) {
            this.expression = expression;
        }
    }
}
