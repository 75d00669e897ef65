package io.rastro.ingest;

import io.rastro.store.RowBinaryWriter;

import java.time.Instant;

/**
 * One step of a message's history in {@code rastro.status_events}: a status event, or the ACCEPTED step every MT
 * writes. Its sort key includes the time, status and error code, so an exact replay collapses into one row.
 */
record StatusRow(String accountId, String messageId, String status, Instant statusAt, long errorCode,
                 String errorTitle) {

    static final String COLUMNS = "account_id, message_id, status, status_at, error_code, error_title, received_at";

    /** One RowBinary row, in the order of {@link #COLUMNS}. */
    void write(RowBinaryWriter w, Instant receivedAt) {
        w.string(accountId).string(messageId).string(status).dateTime64(statusAt).uint32(errorCode)
                .string(errorTitle).dateTime64(receivedAt);
    }
}
