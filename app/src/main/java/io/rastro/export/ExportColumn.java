package io.rastro.export;

import io.rastro.domain.Direction;
import io.rastro.report.Enums;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The columns an export can hold. Each knows its SQL expression over the report's row columns (code, never
 * input; {@code m} is the report query as a subquery), the kind of value it carries, which direction it belongs
 * to (null: both); its header in each locale is in the {@link ExportWords} bundles. The declaration order is the
 * default file order.
 */
public enum ExportColumn {
    MESSAGE_ID(Kind.TEXT, "m.message_id", null, 3),
    DIRECTION(Kind.TEXT, "m.direction", null, 1),
    AT(Kind.INSTANT, "m.event_time", null, 2),
    SUBACCOUNT_ID(Kind.TEXT, "m.subaccount_id", null, 2),
    SUBACCOUNT_NAME(Kind.TEXT, "transform(toString(m.subaccount_id), {subaccount_ids:Array(String)}, "
            + "{subaccount_names:Array(String)}, '')", null, 2),
    USER(Kind.TEXT, "m.user_id", null, 2),
    CAMPAIGN_ID(Kind.TEXT, "m.campaign_id", null, 2),
    CAMPAIGN_NAME(Kind.TEXT, "m.campaign_name", null, 2),
    CONTENT_TYPE(Kind.TEXT, "m.content_type", null, 1),
    TEMPLATE_NAME(Kind.TEXT, "m.template_name", Direction.MT, 2),
    TEMPLATE_LANGUAGE(Kind.TEXT, "m.template_language", Direction.MT, 1),
    TEXT(Kind.TEXT, "m.text", null, 5),
    CONTACT_PHONE(Kind.TEXT, "m.contact_phone", null, 2),
    CONTACT_WA_ID(Kind.TEXT, "m.contact_wa_id", null, 2),
    CONTACT_BSUID(Kind.TEXT, "m.contact_bsuid", null, 2),
    CORRELATION_ID(Kind.TEXT, "m.correlation_id", null, 2),
    CONVERSATION_ID(Kind.TEXT, "m.conversation_id", null, 2),
    CONVERSATION_TYPE(Kind.TEXT, "m.conversation_type", null, 2),
    CONVERSATION_EXPIRES_AT(Kind.INSTANT, "m.conversation_expires_at", null, 2),
    PRICING_CATEGORY(Kind.TEXT, "m.pricing_category", Direction.MT, 2),
    // Only MT messages have a session flag: an MO row gets an empty cell, not a misleading "false".
    SENT_WITH_SESSION(Kind.BOOL, "if(m.direction = 'MT', m.sent_with_session, NULL)", Direction.MT, 1),
    STATUS(Kind.TEXT, "m.status", null, 1),
    STATUS_AT(Kind.INSTANT, "m.status_at", Direction.MT, 2),
    DELIVERED_AT(Kind.INSTANT, "m.delivered_at", Direction.MT, 2),
    READ_AT(Kind.INSTANT, "m.read_at", Direction.MT, 2),
    // 0 means "never failed" in the store; a file shows an empty cell instead.
    ERROR_CODE(Kind.NUMBER, "nullIf(m.error_code, 0)", Direction.MT, 1),
    ERROR_TITLE(Kind.TEXT, "m.error_title", Direction.MT, 2),
    BUTTON_PAYLOAD(Kind.TEXT, "m.button_payload", Direction.MO, 2),
    BUTTON_TEXT(Kind.TEXT, "m.button_text", Direction.MO, 2),
    IN_REPLY_TO_ID(Kind.TEXT, "m.reply_to_message_id", Direction.MO, 3),
    // Pricing: what WhatsApp's status webhooks said of the price (empty while none reached the message).
    BILLABLE(Kind.BOOL, "m.pricing_billable", Direction.MT, 1),
    PRICING_MODEL(Kind.TEXT, "m.pricing_model", Direction.MT, 1),
    PRICING_TYPE(Kind.TEXT, "m.pricing_type", Direction.MT, 2),
    FREE_REASON(Kind.TEXT, Enums.FreeReason.SQL, Direction.MT, 2),
    // Added after the columns above, so that files with the default columns keep their earlier columns' places.
    CONTACT_NAME(Kind.TEXT, "m.contact_name", null, 2),
    MEDIA_ID(Kind.TEXT, "m.media_id", null, 2),
    MEDIA_MIME_TYPE(Kind.TEXT, "m.media_mime_type", null, 1),
    // The first reply to an MT message, from the replies joined as r (ExportQueries adds the join when asked).
    REPLY_AT(Kind.INSTANT, "if(r.replied_id != '', toNullable(r.first_reply_at), NULL)", Direction.MT, 2),
    REPLY_BUTTON_PAYLOAD(Kind.TEXT, "r.reply_payload", Direction.MT, 2),
    REPLY_BUTTON_TEXT(Kind.TEXT, "r.reply_text", Direction.MT, 2),
    SECONDS_TO_REPLY(Kind.NUMBER, "if(r.replied_id != '', toNullable(toInt64(dateDiff('second', m.event_time, "
            + "r.first_reply_at))), NULL)", Direction.MT, 1);

    /** The columns that read the first reply (joined as {@code r}). */
    public boolean readsReplies() {
        return this == REPLY_AT || this == REPLY_BUTTON_PAYLOAD || this == REPLY_BUTTON_TEXT || this == SECONDS_TO_REPLY;
    }

    /** What a column's values are, which decides how each format writes them. */
    public enum Kind {
        /** Strings; formula-like values are neutralised. */
        TEXT,
        /** Instants, read as epoch milliseconds (cheap to decode) and written in the export's zone. */
        INSTANT,
        /** Integers. */
        NUMBER,
        /** true/false. */
        BOOL
    }

    public final Kind kind;
    /** The expression over the report row {@code m}, as stored (instants as DateTime64 in UTC). */
    public final String expression;
    /** The direction whose rows this column describes; null for both. */
    public final Direction direction;
    /** Relative width of its column in an XLSX sheet (the PDF sizes its columns by what they hold: PdfLayout). */
    public final int weight;

    ExportColumn(Kind kind, String expression, Direction direction, int weight) {
        this.kind = kind;
        this.expression = expression;
        this.direction = direction;
        this.weight = weight;
    }

    /** The header a person reads (the words are in the {@link ExportWords} bundles). */
    public String header(ExportLocale locale) {
        return ExportWords.of(locale).header(this);
    }

    /** The stable, locale-independent name used where machines read the file (Parquet column names). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The expression the Java writers read: instants as epoch milliseconds (Int64), so the reader decodes a long
     * instead of building a date-time object per cell.
     */
    public String readExpression() {
        return kind == Kind.INSTANT ? "toUnixTimestamp64Milli(" + expression + ")" : expression;
    }

    /**
     * The columns a document for people (PDF) shows when none are asked for: what a person reads a message by,
     * for the filter's direction; for both directions, the direction, MT's status and reason, MO's button, and what
     * both have (with the conversation's id), so that they fit one landscape page.
     * Files for machines and spreadsheets default to every column of the direction ({@link #defaults}).
     */
    public static List<ExportColumn> readableDefaults(Direction direction) {
        return switch (direction) {
            case MT -> List.of(AT, STATUS, ERROR_TITLE, CONTACT_PHONE, CAMPAIGN_NAME, USER, CONTENT_TYPE, TEXT,
                    SENT_WITH_SESSION, CONVERSATION_ID, CONVERSATION_TYPE, CONVERSATION_EXPIRES_AT);
            case MO -> List.of(AT, CONTACT_PHONE, CONTACT_NAME, CAMPAIGN_NAME, USER, CONTENT_TYPE, TEXT, BUTTON_TEXT);
            case null -> List.of(AT, DIRECTION, STATUS, ERROR_TITLE, CONTACT_PHONE, CAMPAIGN_NAME, USER,
                    CONTENT_TYPE, TEXT, BUTTON_TEXT, CONVERSATION_ID);
        };
    }

    /**
     * The default columns for a filter's direction: its own columns, or all of them when both are exported; the
     * reply columns only when asked for.
     */
    public static List<ExportColumn> defaults(Direction direction) {
        // The reply columns join the period's replies: asked for by name only, so a default export costs no join.
        return Arrays.stream(values()).filter(c -> direction == null || c.direction == null || c.direction == direction)
                .filter(c -> !c.readsReplies()).toList();
    }
}
