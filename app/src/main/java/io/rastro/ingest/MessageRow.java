package io.rastro.ingest;

import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;
import io.rastro.store.RowBinaryWriter;

import java.time.Instant;

/**
 * The first (version 0) row of a message as an event creates it: MT rows start ACCEPTED at their time, MO rows
 * are RECEIVED. Status columns are filled in later by the recompute, never by the event. Absent texts are "".
 */
public record MessageRow(String accountId, Instant eventTime, String messageId, Direction direction, String subaccountId,
                  String userId, String campaignId, String campaignName, String contentType, String templateName,
                  String templateLanguage, String text, String contactPhone, String contactWaId,
                  String contactBsuid, boolean sentWithSession, String correlationId, String conversationId,
                  String conversationType, Instant conversationExpiresAt, String pricingCategory,
                  String buttonPayload, String buttonText, String replyToMessageId) {

    /** The columns {@link #write} fills, in the same order; the INSERT names exactly these. */
    static final String COLUMNS = """
            account_id, event_time, message_id, direction, subaccount_id, user_id, campaign_id, campaign_name,
            content_type, template_name, template_language, text, contact_phone, contact_wa_id, contact_bsuid,
            sent_with_session, correlation_id, conversation_id, conversation_type, conversation_expires_at,
            pricing_category, button_payload, button_text, reply_to_message_id, status, status_at, sent_at,
            delivered_at, read_at, failed_at, error_code, error_title, ingested_at, version, pricing_model, pricing_type,
            pricing_billable""";

    /**
     * A condition on {@code rastro.messages} that finds the stored rows of ids {@code {ids}} in account
     * {@code {account}} through the lookup table's (time, id) keys: a probe per id instead of a scan of the account.
     */
    public static final String STORED_UNDER_IDS = """
            (event_time, message_id) IN (SELECT event_time, message_id FROM rastro.message_lookup
                                         WHERE account_id = {account:String} AND kind = 'ID'
                                           AND value IN {ids:Array(String)})""";

    /** One RowBinary row, in the order of {@link #COLUMNS}. */
    void write(RowBinaryWriter w, Instant ingestedAt) {
        w.string(accountId).dateTime64(eventTime).string(messageId).enum8(direction == Direction.MT ? 1 : 2)
                .string(subaccountId).string(userId).string(campaignId).string(campaignName).string(contentType)
                .string(templateName).string(templateLanguage).string(text).string(contactPhone).string(contactWaId)
                .string(contactBsuid).bool(sentWithSession).string(correlationId).string(conversationId)
                .string(conversationType).nullableDateTime64(conversationExpiresAt).string(pricingCategory)
                .string(buttonPayload).string(buttonText).string(replyToMessageId)
                // status, status_at, sent_at, delivered_at, read_at, failed_at, error_code, error_title
                .string((direction == Direction.MT ? MessageStatus.ACCEPTED : MessageStatus.RECEIVED).name()).dateTime64(eventTime)
                .nullableDateTime64(null).nullableDateTime64(null).nullableDateTime64(null).nullableDateTime64(null)
                .uint32(0).string("")
                .dateTime64(ingestedAt).int64(0)
                // pricing_model, pricing_type, pricing_billable: WhatsApp's status steps bring them (the recompute)
                .string("").string("").nullableBool(null);
    }
}
