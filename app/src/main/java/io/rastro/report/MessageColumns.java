package io.rastro.report;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;
import io.rastro.report.MessageView.Campaign;
import io.rastro.report.MessageView.Contact;
import io.rastro.report.MessageView.Media;
import io.rastro.report.MessageView.ConversationRef;
import io.rastro.report.MessageView.MessageContent;
import io.rastro.report.MessageView.MessageError;
import io.rastro.report.MessageView.QuickReplyButton;
import io.rastro.report.MessageView.ReceivedMessage;
import io.rastro.report.MessageView.SentMessage;
import io.rastro.report.MessageView.Subaccount;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The columns a report row reads, and how a row becomes a {@link MessageView}. A GraphQL page or lookup reads only
 * the columns its selection needs ({@link #forFields}): the engine reads whole granules of every column it is
 * asked for, so a phone's page of ten columns costs about two thirds of one of all of them (benchmark workload
 * {@code floor-shape}). Exports and the batched reads take every column.
 */
public final class MessageColumns {

    /** A column of a report row, by the name it is read under and the expression that selects it. */
    public enum Column {
        MESSAGE_ID("message_id"), DIRECTION("direction", "toString(direction) AS direction"), EVENT_TIME("event_time"),
        SUBACCOUNT_ID("subaccount_id"), USER_ID("user_id"), CAMPAIGN_ID("campaign_id"), CAMPAIGN_NAME("campaign_name"),
        CONTENT_TYPE("content_type"), TEMPLATE_NAME("template_name"), TEMPLATE_LANGUAGE("template_language"),
        TEXT("text"), CONTACT_PHONE("contact_phone"), CONTACT_WA_ID("contact_wa_id"), CONTACT_BSUID("contact_bsuid"),
        SENT_WITH_SESSION("sent_with_session"), CORRELATION_ID("correlation_id"), CONVERSATION_ID("conversation_id"),
        CONVERSATION_TYPE("conversation_type"), CONVERSATION_EXPIRES_AT("conversation_expires_at"),
        PRICING_CATEGORY("pricing_category"), BUTTON_PAYLOAD("button_payload"), BUTTON_TEXT("button_text"),
        REPLY_TO_MESSAGE_ID("reply_to_message_id"), STATUS("status"), STATUS_AT("status_at"),
        DELIVERED_AT("delivered_at"), READ_AT("read_at"), ERROR_CODE("error_code"), ERROR_TITLE("error_title"),
        PRICING_MODEL("pricing_model"), PRICING_TYPE("pricing_type"), PRICING_BILLABLE("pricing_billable"),
        MEDIA_ID("media_id"), MEDIA_MIME_TYPE("media_mime_type"), CONTACT_NAME("contact_name");

        final String name;
        final String expression;

        Column(String name) {
            this(name, name);
        }

        Column(String name, String expression) {
            this.name = name;
            this.expression = expression;
        }
    }

    /** Every column. */
    public static final Set<Column> ALL = Collections.unmodifiableSet(EnumSet.allOf(Column.class));

    /** Read whatever is selected: the keys of the report order and cursor, and what decides a row's type. */
    static final Set<Column> KEYS = Collections.unmodifiableSet(EnumSet.of(Column.MESSAGE_ID, Column.DIRECTION,
            Column.EVENT_TIME));

    /** Every column in this order, for the statements that return whole rows (exports, batched reads). */
    public static final String SELECT = select(ALL);

    /**
     * The columns each field of {@code SentMessage} and {@code ReceivedMessage} is made of (beyond {@link #KEYS}).
     * A field that is not here makes {@link #forFields} read every column, so a field added to the schema is never
     * answered from a column that was not read; {@code MessageSelectionTest} checks that every field is here.
     */
    static final Map<String, Set<Column>> FIELDS = Map.ofEntries(
            Map.entry("__typename", Set.of()), Map.entry("id", Set.of()), Map.entry("direction", Set.of()), Map.entry("at", Set.of()),
            Map.entry("sentAt", Set.of()), Map.entry("repliedAt", Set.of()),
            // read by id (and time) in statements of their own
            Map.entry("history", Set.of()), Map.entry("reply", Set.of()), Map.entry("replyCount", Set.of()),
            Map.entry("subaccount", Set.of(Column.SUBACCOUNT_ID)),
            Map.entry("user", Set.of(Column.USER_ID)),
            Map.entry("campaign", Set.of(Column.CAMPAIGN_ID, Column.CAMPAIGN_NAME)),
            Map.entry("contentType", Set.of(Column.CONTENT_TYPE)),
            Map.entry("content", Set.of(Column.TEXT, Column.TEMPLATE_NAME, Column.TEMPLATE_LANGUAGE)),
            Map.entry("text", Set.of(Column.TEXT)),
            Map.entry("media", Set.of(Column.MEDIA_ID, Column.MEDIA_MIME_TYPE)),
            Map.entry("contact", Set.of(Column.CONTACT_PHONE, Column.CONTACT_WA_ID, Column.CONTACT_BSUID,
                    Column.CONTACT_NAME)),
            Map.entry("correlationId", Set.of(Column.CORRELATION_ID)),
            Map.entry("sentWithSession", Set.of(Column.SENT_WITH_SESSION)),
            Map.entry("conversation", Set.of(Column.CONVERSATION_ID, Column.CONVERSATION_TYPE,
                    Column.CONVERSATION_EXPIRES_AT)),
            Map.entry("pricingCategory", Set.of(Column.PRICING_CATEGORY)),
            Map.entry("pricingModel", Set.of(Column.PRICING_MODEL)),
            Map.entry("pricingType", Set.of(Column.PRICING_TYPE)),
            Map.entry("billable", Set.of(Column.PRICING_BILLABLE)),
            Map.entry("freeReason", Set.of(Column.PRICING_TYPE, Column.PRICING_BILLABLE)),
            Map.entry("status", Set.of(Column.STATUS)),
            Map.entry("statusAt", Set.of(Column.STATUS_AT)),
            Map.entry("deliveredAt", Set.of(Column.DELIVERED_AT)),
            Map.entry("readAt", Set.of(Column.READ_AT)),
            Map.entry("error", Set.of(Column.ERROR_CODE, Column.ERROR_TITLE)),
            Map.entry("button", Set.of(Column.BUTTON_PAYLOAD, Column.BUTTON_TEXT)),
            Map.entry("inReplyToId", Set.of(Column.REPLY_TO_MESSAGE_ID)),
            Map.entry("inReplyTo", Set.of(Column.REPLY_TO_MESSAGE_ID)));

    private MessageColumns() {
    }

    /** The select list for these columns, in the order of {@link Column}. */
    public static String select(Set<Column> columns) {
        var out = new StringJoiner(", ");
        for (var c : Column.values()) {
            if (columns.contains(c)) {
                out.add(c.expression);
            }
        }
        return out.toString();
    }

    /**
     * The columns that the named fields of a message need, with the {@link #KEYS}; every column when one of them
     * is not in {@link #FIELDS}.
     */
    public static Set<Column> forFields(Collection<String> fieldNames) {
        var out = EnumSet.copyOf(KEYS);
        for (var name : fieldNames) {
            var columns = FIELDS.get(name);
            if (columns == null) {
                return ALL;
            }
            out.addAll(columns);
        }
        return out;
    }

    /** A whole row (every column read). */
    public static MessageView map(ClickHouseBinaryFormatReader row, Map<String, String> subaccountNames) {
        return map(row, subaccountNames, ALL);
    }

    /**
     * A row of which only {@code read} was selected: what was not read is left empty (null, or false), and is
     * only ever a field the request did not select.
     *
     * @param subaccountNames subaccount id to name, for the caller's account
     */
    public static MessageView map(ClickHouseBinaryFormatReader row, Map<String, String> subaccountNames,
                                  Set<Column> read) {
        var r = new Row(row, read);
        var id = row.getString("message_id");
        var at = time(row.getInstant("event_time"));
        var subaccountId = r.string(Column.SUBACCOUNT_ID);
        var subaccount = r.has(Column.SUBACCOUNT_ID)
                ? new Subaccount(subaccountId, subaccountNames.getOrDefault(subaccountId, "")) : null;
        var user = blankToNull(r.string(Column.USER_ID));
        var campaignId = r.string(Column.CAMPAIGN_ID);
        var campaign = campaignId.isEmpty() ? null : new Campaign(campaignId, r.string(Column.CAMPAIGN_NAME));
        var contentType = r.has(Column.CONTENT_TYPE) ? ContentType.valueOf(r.string(Column.CONTENT_TYPE)) : null;
        var contact = r.has(Column.CONTACT_PHONE) ? new Contact(blankToNull(r.string(Column.CONTACT_PHONE)),
                blankToNull(r.string(Column.CONTACT_WA_ID)), blankToNull(r.string(Column.CONTACT_BSUID)),
                blankToNull(r.string(Column.CONTACT_NAME))) : null;
        var mediaId = r.string(Column.MEDIA_ID);
        var media = mediaId.isEmpty() ? null : new Media(mediaId, blankToNull(r.string(Column.MEDIA_MIME_TYPE)));
        var correlation = blankToNull(r.string(Column.CORRELATION_ID));
        var conversationId = r.string(Column.CONVERSATION_ID);
        var conversationType = r.string(Column.CONVERSATION_TYPE);
        var conversation = conversationId.isEmpty() ? null : new ConversationRef(conversationId,
                conversationType.isEmpty() ? null : ConversationType.valueOf(conversationType),
                time(r.instant(Column.CONVERSATION_EXPIRES_AT)));
        if ("MO".equals(row.getString("direction"))) {
            var payload = r.string(Column.BUTTON_PAYLOAD);
            return new ReceivedMessage(id, Direction.MO, at, at, subaccount, user, campaign, contentType,
                    r.string(Column.TEXT), contact, correlation, conversation,
                    payload.isEmpty() ? null : new QuickReplyButton(payload, r.string(Column.BUTTON_TEXT)),
                    blankToNull(r.string(Column.REPLY_TO_MESSAGE_ID)), MessageStatus.RECEIVED, media);
        }
        var errorCode = r.has(Column.ERROR_CODE) ? row.getLong("error_code") : 0;
        return new SentMessage(id, Direction.MT, at, at, subaccount, user, campaign, contentType,
                new MessageContent(r.string(Column.TEXT), blankToNull(r.string(Column.TEMPLATE_NAME)),
                        blankToNull(r.string(Column.TEMPLATE_LANGUAGE))),
                contact, correlation, r.has(Column.SENT_WITH_SESSION) && row.getBoolean("sent_with_session"),
                conversation, blankToNull(r.string(Column.PRICING_CATEGORY)),
                r.has(Column.STATUS) ? MessageStatus.valueOf(r.string(Column.STATUS)) : null,
                time(r.instant(Column.STATUS_AT)), time(r.instant(Column.DELIVERED_AT)), time(r.instant(Column.READ_AT)),
                errorCode == 0 ? null : new MessageError((int) errorCode, r.string(Column.ERROR_TITLE)),
                blankToNull(r.string(Column.PRICING_MODEL)), blankToNull(r.string(Column.PRICING_TYPE)),
                r.has(Column.PRICING_BILLABLE) && row.hasValue("pricing_billable") ? row.getBoolean("pricing_billable")
                        : null, media);
    }

    /** A row's columns, those not read as empty. */
    private record Row(ClickHouseBinaryFormatReader row, Set<Column> read) {

        boolean has(Column c) {
            return read.contains(c);
        }

        String string(Column c) {
            return has(c) ? row.getString(c.name) : "";
        }

        Instant instant(Column c) {
            return has(c) && row.hasValue(c.name) ? row.getInstant(c.name) : null;
        }
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
