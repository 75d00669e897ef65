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
import java.util.Map;

/** The columns a report row reads, and how a row becomes a {@link MessageView}. */
public final class MessageColumns {

    /** Selected in this order by every statement that returns message rows. */
    public static final String SELECT = """
            message_id, toString(direction) AS direction, event_time, subaccount_id, user_id, campaign_id, campaign_name,
            content_type, template_name, template_language, text, contact_phone, contact_wa_id, contact_bsuid,
            sent_with_session, correlation_id, conversation_id, conversation_type, conversation_expires_at,
            pricing_category, button_payload, button_text, reply_to_message_id, status, status_at, delivered_at,
            read_at, error_code, error_title, pricing_model, pricing_type, pricing_billable, media_id, media_mime_type,
            contact_name""";

    private MessageColumns() {
    }

    /**
     * @param subaccountNames subaccount id to name, for the caller's account
     */
    public static MessageView map(ClickHouseBinaryFormatReader row, Map<String, String> subaccountNames) {
        var id = row.getString("message_id");
        var at = time(row.getInstant("event_time"));
        var subaccountId = row.getString("subaccount_id");
        var subaccount = new Subaccount(subaccountId, subaccountNames.getOrDefault(subaccountId, ""));
        var user = blankToNull(row.getString("user_id"));
        var campaignId = row.getString("campaign_id");
        var campaign = campaignId.isEmpty() ? null : new Campaign(campaignId, row.getString("campaign_name"));
        var contentType = ContentType.valueOf(row.getString("content_type"));
        var contact = new Contact(blankToNull(row.getString("contact_phone")), blankToNull(row.getString("contact_wa_id")),
                blankToNull(row.getString("contact_bsuid")), blankToNull(row.getString("contact_name")));
        var mediaId = row.getString("media_id");
        var media = mediaId.isEmpty() ? null : new Media(mediaId, blankToNull(row.getString("media_mime_type")));
        var correlation = blankToNull(row.getString("correlation_id"));
        var conversationId = row.getString("conversation_id");
        var conversationType = row.getString("conversation_type");
        var conversation = conversationId.isEmpty() ? null : new ConversationRef(conversationId,
                conversationType.isEmpty() ? null : ConversationType.valueOf(conversationType),
                time(row.hasValue("conversation_expires_at") ? row.getInstant("conversation_expires_at") : null));
        if ("MO".equals(row.getString("direction"))) {
            var payload = row.getString("button_payload");
            return new ReceivedMessage(id, Direction.MO, at, at, subaccount, user, campaign, contentType,
                    row.getString("text"), contact, correlation, conversation,
                    payload.isEmpty() ? null : new QuickReplyButton(payload, row.getString("button_text")),
                    blankToNull(row.getString("reply_to_message_id")), MessageStatus.RECEIVED, media);
        }
        var errorCode = row.getLong("error_code");
        return new SentMessage(id, Direction.MT, at, at, subaccount, user, campaign, contentType,
                new MessageContent(row.getString("text"), blankToNull(row.getString("template_name")),
                        blankToNull(row.getString("template_language"))),
                contact, correlation, row.getBoolean("sent_with_session"), conversation,
                blankToNull(row.getString("pricing_category")), MessageStatus.valueOf(row.getString("status")),
                time(row.getInstant("status_at")),
                time(row.hasValue("delivered_at") ? row.getInstant("delivered_at") : null),
                time(row.hasValue("read_at") ? row.getInstant("read_at") : null),
                errorCode == 0 ? null : new MessageError((int) errorCode, row.getString("error_title")),
                blankToNull(row.getString("pricing_model")), blankToNull(row.getString("pricing_type")),
                row.hasValue("pricing_billable") ? row.getBoolean("pricing_billable") : null, media);
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
