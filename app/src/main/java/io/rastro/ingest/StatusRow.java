package io.rastro.ingest;

import tools.jackson.core.JsonGenerator;

import java.time.Instant;

/**
 * One step of a message's history in {@code rastro.status_events}: a status event, or the ACCEPTED step every MT
 * writes. Its sort key includes the time, status and error code, so an exact replay collapses into one row.
 */
record StatusRow(String accountId, String messageId, String status, Instant statusAt, long errorCode,
                 String errorTitle) {

    static final String COLUMNS = "account_id, message_id, status, status_at, error_code, error_title, received_at";

    void write(JsonGenerator g, Instant receivedAt) {
        g.writeStartObject();
        g.writeStringProperty("account_id", accountId);
        g.writeStringProperty("message_id", messageId);
        g.writeStringProperty("status", status);
        g.writeStringProperty("status_at", Timestamps.engine(statusAt));
        g.writeNumberProperty("error_code", errorCode);
        g.writeStringProperty("error_title", errorTitle);
        g.writeStringProperty("received_at", Timestamps.engine(receivedAt));
        g.writeEndObject();
    }
}
