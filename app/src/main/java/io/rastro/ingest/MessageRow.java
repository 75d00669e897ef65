package io.rastro.ingest;

import tools.jackson.core.JsonGenerator;

import java.time.Instant;

/**
 * The first (version 0) row of a message as an event creates it: MT rows start ACCEPTED at their time, MO rows
 * are RECEIVED. Status columns are filled in later by the recompute, never by the event. Absent texts are "".
 */
record MessageRow(String accountId, Instant eventTime, String messageId, Direction direction, String subaccountId,
                  String userId, String campaignId, String campaignName, String contentType, String templateName,
                  String templateLanguage, String text, String contactPhone, String contactWaId,
                  String contactBsuid, boolean sentWithSession, String correlationId, String conversationId,
                  String conversationType, Instant conversationExpiresAt, String pricingCategory,
                  String buttonPayload, String buttonText, String replyToMessageId) {

    enum Direction { MT, MO }

    /** The columns {@link #write} fills, in the same order; the INSERT names exactly these. */
    static final String COLUMNS = """
            account_id, event_time, message_id, direction, subaccount_id, user_id, campaign_id, campaign_name,
            content_type, template_name, template_language, text, contact_phone, contact_wa_id, contact_bsuid,
            sent_with_session, correlation_id, conversation_id, conversation_type, conversation_expires_at,
            pricing_category, button_payload, button_text, reply_to_message_id, status, status_at, sent_at,
            delivered_at, read_at, failed_at, error_code, error_title, ingested_at, version""";

    /** One JSONEachRow object. */
    void write(JsonGenerator g, Instant ingestedAt) {
        var at = Timestamps.engine(eventTime);
        g.writeStartObject();
        g.writeStringProperty("account_id", accountId);
        g.writeStringProperty("event_time", at);
        g.writeStringProperty("message_id", messageId);
        g.writeStringProperty("direction", direction.name());
        g.writeStringProperty("subaccount_id", subaccountId);
        g.writeStringProperty("user_id", userId);
        g.writeStringProperty("campaign_id", campaignId);
        g.writeStringProperty("campaign_name", campaignName);
        g.writeStringProperty("content_type", contentType);
        g.writeStringProperty("template_name", templateName);
        g.writeStringProperty("template_language", templateLanguage);
        g.writeStringProperty("text", text);
        g.writeStringProperty("contact_phone", contactPhone);
        g.writeStringProperty("contact_wa_id", contactWaId);
        g.writeStringProperty("contact_bsuid", contactBsuid);
        g.writeBooleanProperty("sent_with_session", sentWithSession);
        g.writeStringProperty("correlation_id", correlationId);
        g.writeStringProperty("conversation_id", conversationId);
        g.writeStringProperty("conversation_type", conversationType);
        if (conversationExpiresAt == null) {
            g.writeNullProperty("conversation_expires_at");
        } else {
            g.writeStringProperty("conversation_expires_at", Timestamps.engine(conversationExpiresAt));
        }
        g.writeStringProperty("pricing_category", pricingCategory);
        g.writeStringProperty("button_payload", buttonPayload);
        g.writeStringProperty("button_text", buttonText);
        g.writeStringProperty("reply_to_message_id", replyToMessageId);
        g.writeStringProperty("status", direction == Direction.MT ? "ACCEPTED" : "RECEIVED");
        g.writeStringProperty("status_at", at);
        g.writeNullProperty("sent_at");
        g.writeNullProperty("delivered_at");
        g.writeNullProperty("read_at");
        g.writeNullProperty("failed_at");
        g.writeNumberProperty("error_code", 0);
        g.writeStringProperty("error_title", "");
        g.writeStringProperty("ingested_at", Timestamps.engine(ingestedAt));
        g.writeNumberProperty("version", 0);
        g.writeEndObject();
    }
}
