package io.rastro.webhook;

import io.rastro.ingest.MessageRow;
import io.rastro.ingest.StatusRow;

import java.util.List;

/**
 * What one change becomes.
 *
 * @param statuses status steps, each with the row it creates when its message is not stored yet
 * @param received MO rows; their campaign and user are filled in from the message they answer when it is stored
 * @param kept     what was understood but not mapped, kept raw
 */
record Mapped(List<Status> statuses, List<MessageRow> received, List<Kept> kept) {

    /**
     * A status step and the MT row it creates when no row of that id is stored: WhatsApp may report a message that
     * the platform never posted, or before it does.
     */
    record Status(StatusRow step, MessageRow created) {
    }

    /**
     * Something kept in {@code rastro.webhook_unhandled}.
     *
     * @param kind   VALUE_ERROR, UNKNOWN_FIELD, UNKNOWN_TYPE, UNKNOWN_STATUS, UNSUPPORTED_MESSAGE, REJECTED
     * @param reason what it is, for a person
     * @param raw    the part of the body concerned, as JSON
     */
    record Kept(String kind, String reason, String raw) {
    }
}
