package io.rastro.ingest;

/** One valid, normalised event line and the rows it writes. */
public sealed interface Event permits Event.Sent, Event.Received, Event.StatusUpdate {

    String messageId();

    /** When it happened: the message's time, or the status step's. */
    java.time.Instant time();

    /**
     * An MT message accepted: its version-0 row and its ACCEPTED history step. The step is null for a row that a
     * WhatsApp status webhook creates for a message the platform never posted (nothing was accepted then).
     */
    record Sent(MessageRow message, StatusRow accepted) implements Event {
        @Override
        public String messageId() {
            return message.messageId();
        }

        @Override
        public java.time.Instant time() {
            return message.eventTime();
        }
    }

    /** An MO message received: its row (always RECEIVED; MO messages have no status events). */
    record Received(MessageRow message) implements Event {
        @Override
        public String messageId() {
            return message.messageId();
        }

        @Override
        public java.time.Instant time() {
            return message.eventTime();
        }
    }

    /** A status update for an MT message, which may not have arrived yet. */
    record StatusUpdate(StatusRow status) implements Event {
        @Override
        public String messageId() {
            return status.messageId();
        }

        @Override
        public java.time.Instant time() {
            return status.statusAt();
        }
    }
}
