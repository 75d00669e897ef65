package io.rastro.ingest;

import io.rastro.store.RowBinaryWriter;

import java.time.Instant;

/**
 * One step of a message's history in {@code rastro.status_events}: a status event, or the ACCEPTED step every MT
 * writes. Its sort key includes the time, status and error code, so an exact replay collapses into one row.
 *
 * <p>A WhatsApp status webhook also carries the conversation and pricing of the step; the recompute gives the
 * message row those of its latest step that had them. Events of {@code /api/v1/events} carry none ("", null).
 */
public record StatusRow(String accountId, String messageId, String status, Instant statusAt, long errorCode,
                        String errorTitle, String conversationId, String conversationType,
                        Instant conversationExpiresAt, String pricingCategory, String pricingModel,
                        String pricingType, Boolean pricingBillable) {

    static final String COLUMNS = "account_id, message_id, status, status_at, error_code, error_title, received_at, "
            + "conversation_id, conversation_type, conversation_expires_at, pricing_category, pricing_model, "
            + "pricing_type, pricing_billable";

    /** A step without conversation or pricing, as every {@code /api/v1/events} status is. */
    public StatusRow(String accountId, String messageId, String status, Instant statusAt, long errorCode,
                     String errorTitle) {
        this(accountId, messageId, status, statusAt, errorCode, errorTitle, "", "", null, "", "", "", null);
    }

    /** One RowBinary row, in the order of {@link #COLUMNS}. */
    void write(RowBinaryWriter w, Instant receivedAt) {
        w.string(accountId).string(messageId).string(status).dateTime64(statusAt).uint32(errorCode)
                .string(errorTitle).dateTime64(receivedAt).string(conversationId).string(conversationType)
                .nullableDateTime64(conversationExpiresAt).string(pricingCategory).string(pricingModel)
                .string(pricingType).nullableBool(pricingBillable);
    }
}
