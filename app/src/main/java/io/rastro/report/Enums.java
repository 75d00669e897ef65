package io.rastro.report;

/** The report's enumerations, named as in the GraphQL contract and stored as their names. */
public final class Enums {

    private Enums() {
    }

    public enum Direction { MT, MO }

    public enum MessageStatus { ACCEPTED, SENT, DELIVERED, READ, PLAYED, FAILED, RECEIVED }

    public enum ContentType { TEXT, TEMPLATE, IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER, LOCATION, CONTACTS, INTERACTIVE, BUTTON, REACTION }

    public enum ConversationType { BUSINESS_INITIATED, USER_INITIATED, FREE_ENTRY_POINT }

    public enum MessageSort { NEWEST_FIRST, OLDEST_FIRST }

    /** Count dimensions; each knows its column expression (code, never input). */
    public enum CountDimension {
        STATUS("status"),
        DIRECTION("toString(direction)"),
        SUBACCOUNT("subaccount_id"),
        USER("user_id"),
        CAMPAIGN("campaign_id"),
        CONTENT_TYPE("content_type"),
        CONVERSATION_TYPE("conversation_type"),
        ERROR_CODE("toString(error_code)"),
        SENT_WITH_SESSION("toString(sent_with_session)");

        public final String expression;

        CountDimension(String expression) {
            this.expression = expression;
        }
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
