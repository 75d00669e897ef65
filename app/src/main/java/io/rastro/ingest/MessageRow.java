package io.rastro.ingest;

import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;
import io.rastro.store.RowBinaryWriter;

import java.time.Instant;

/**
 * The first (version 0) row of a message as an event creates it: MT rows start ACCEPTED at their time, MO rows
 * are RECEIVED. Status columns are filled in later by the recompute, never by the event. Absent texts are "".
 * Made with {@link #builder}.
 */
public record MessageRow(String accountId, Instant eventTime, String messageId, Direction direction, String subaccountId,
                  String userId, String campaignId, String campaignName, String contentType, String templateName,
                  String templateLanguage, String text, String contactPhone, String contactWaId,
                  String contactBsuid, boolean sentWithSession, String correlationId, String conversationId,
                  String conversationType, Instant conversationExpiresAt, String pricingCategory,
                  String buttonPayload, String buttonText, String replyToMessageId, String mediaId,
                  String mediaMimeType, String contactName) {

    /** The columns {@link #write} fills, in the same order; the INSERT names exactly these. */
    static final String COLUMNS = """
            account_id, event_time, message_id, direction, subaccount_id, user_id, campaign_id, campaign_name,
            content_type, template_name, template_language, text, contact_phone, contact_wa_id, contact_bsuid,
            sent_with_session, correlation_id, conversation_id, conversation_type, conversation_expires_at,
            pricing_category, button_payload, button_text, reply_to_message_id, status, status_at, sent_at,
            delivered_at, read_at, failed_at, error_code, error_title, ingested_at, version, pricing_model, pricing_type,
            pricing_billable, media_id, media_mime_type, contact_name, reply_count, reply_payloads""";

    /**
     * A condition on {@code rastro.messages} that finds the stored rows of ids {@code {ids}} in account
     * {@code {account}} through the lookup table's (time, id) keys: a probe per id instead of a scan of the account.
     */
    public static final String STORED_UNDER_IDS = """
            (event_time, message_id) IN (SELECT event_time, message_id FROM rastro.message_keys
                                         WHERE account_id = {account:String} AND kind = 'ID'
                                           AND value IN {ids:Array(String)})""";

    /**
     * A row of the message {@code messageId} of {@code accountId}, stored under {@code eventTime}; every other
     * text starts "" (absent), the conversation's expiry null and {@code sentWithSession} false.
     */
    public static Builder builder(String accountId, Instant eventTime, String messageId, Direction direction,
                                  String subaccountId) {
        return new Builder(accountId, eventTime, messageId, direction, subaccountId);
    }

    /** A builder holding this row's values, to change some of them. */
    public Builder toBuilder() {
        return builder(accountId, eventTime, messageId, direction, subaccountId)
                .userId(userId)
                .campaignId(campaignId)
                .campaignName(campaignName)
                .contentType(contentType)
                .templateName(templateName)
                .templateLanguage(templateLanguage)
                .text(text)
                .contactPhone(contactPhone)
                .contactWaId(contactWaId)
                .contactBsuid(contactBsuid)
                .sentWithSession(sentWithSession)
                .correlationId(correlationId)
                .conversationId(conversationId)
                .conversationType(conversationType)
                .conversationExpiresAt(conversationExpiresAt)
                .pricingCategory(pricingCategory)
                .buttonPayload(buttonPayload)
                .buttonText(buttonText)
                .replyToMessageId(replyToMessageId)
                .mediaId(mediaId)
                .mediaMimeType(mediaMimeType)
                .contactName(contactName);
    }

    /** Sets a row's values by name; see {@link #builder} for the defaults. */
    public static final class Builder {

        private final String accountId;
        private final Instant eventTime;
        private final String messageId;
        private final Direction direction;
        private final String subaccountId;
        private String userId = "";
        private String campaignId = "";
        private String campaignName = "";
        private String contentType = "";
        private String templateName = "";
        private String templateLanguage = "";
        private String text = "";
        private String contactPhone = "";
        private String contactWaId = "";
        private String contactBsuid = "";
        private boolean sentWithSession;
        private String correlationId = "";
        private String conversationId = "";
        private String conversationType = "";
        private Instant conversationExpiresAt;
        private String pricingCategory = "";
        private String buttonPayload = "";
        private String buttonText = "";
        private String replyToMessageId = "";
        private String mediaId = "";
        private String mediaMimeType = "";
        private String contactName = "";

        private Builder(String accountId, Instant eventTime, String messageId, Direction direction,
                        String subaccountId) {
            this.accountId = accountId;
            this.eventTime = eventTime;
            this.messageId = messageId;
            this.direction = direction;
            this.subaccountId = subaccountId;
        }

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder campaignId(String campaignId) {
            this.campaignId = campaignId;
            return this;
        }

        public Builder campaignName(String campaignName) {
            this.campaignName = campaignName;
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder templateName(String templateName) {
            this.templateName = templateName;
            return this;
        }

        public Builder templateLanguage(String templateLanguage) {
            this.templateLanguage = templateLanguage;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder contactPhone(String contactPhone) {
            this.contactPhone = contactPhone;
            return this;
        }

        public Builder contactWaId(String contactWaId) {
            this.contactWaId = contactWaId;
            return this;
        }

        public Builder contactBsuid(String contactBsuid) {
            this.contactBsuid = contactBsuid;
            return this;
        }

        public Builder sentWithSession(boolean sentWithSession) {
            this.sentWithSession = sentWithSession;
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder conversationId(String conversationId) {
            this.conversationId = conversationId;
            return this;
        }

        public Builder conversationType(String conversationType) {
            this.conversationType = conversationType;
            return this;
        }

        public Builder conversationExpiresAt(Instant conversationExpiresAt) {
            this.conversationExpiresAt = conversationExpiresAt;
            return this;
        }

        public Builder pricingCategory(String pricingCategory) {
            this.pricingCategory = pricingCategory;
            return this;
        }

        public Builder buttonPayload(String buttonPayload) {
            this.buttonPayload = buttonPayload;
            return this;
        }

        public Builder buttonText(String buttonText) {
            this.buttonText = buttonText;
            return this;
        }

        public Builder replyToMessageId(String replyToMessageId) {
            this.replyToMessageId = replyToMessageId;
            return this;
        }

        public Builder mediaId(String mediaId) {
            this.mediaId = mediaId;
            return this;
        }

        public Builder mediaMimeType(String mediaMimeType) {
            this.mediaMimeType = mediaMimeType;
            return this;
        }

        public Builder contactName(String contactName) {
            this.contactName = contactName;
            return this;
        }

        public MessageRow build() {
            return new MessageRow(accountId, eventTime, messageId, direction, subaccountId, userId, campaignId,
                    campaignName, contentType, templateName, templateLanguage, text, contactPhone, contactWaId,
                    contactBsuid, sentWithSession, correlationId, conversationId, conversationType,
                    conversationExpiresAt, pricingCategory, buttonPayload, buttonText, replyToMessageId, mediaId,
                    mediaMimeType, contactName);
        }
    }

    /** One RowBinary row, in the order of {@link #COLUMNS}. */
    void write(RowBinaryWriter w, Instant ingestedAt) {
        w.string(accountId).dateTime64(eventTime).string(messageId).enum8(direction == Direction.MT ? 1 : 2)
                .string(subaccountId).string(userId).string(campaignId).string(campaignName).string(contentType)
                .string(templateName).string(templateLanguage).string(text).string(contactPhone).string(contactWaId)
                .string(contactBsuid).bool(sentWithSession).string(correlationId).string(conversationId)
                .string(conversationType).nullableDateTime64(conversationExpiresAt).string(pricingCategory)
                .string(buttonPayload).string(buttonText).string(replyToMessageId)
                // status, status_at, sent_at, delivered_at, read_at, failed_at, error_code, error_title
                .string((direction == Direction.MT ? MessageStatus.ACCEPTED : MessageStatus.RECEIVED).name())
                .dateTime64(eventTime)
                .nullableDateTime64(null).nullableDateTime64(null).nullableDateTime64(null).nullableDateTime64(null)
                .uint32(0).string("")
                .dateTime64(ingestedAt).int64(0)
                // pricing_model, pricing_type, pricing_billable: WhatsApp's status steps bring them (the recompute)
                .string("").string("").nullableBool(null)
                .string(mediaId).string(mediaMimeType).string(contactName)
                // reply_count, reply_payloads: the recompute counts the replies (rastro.message_replies)
                .uint32(0).strings(java.util.List.of());
    }
}
