package io.rastro.report;

import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;

import java.time.OffsetDateTime;

/**
 * The GraphQL {@code Message} interface and the value types its implementations expose. Spring for GraphQL
 * resolves the concrete type from the record's simple name (SentMessage, ReceivedMessage).
 */
public sealed interface MessageView permits MessageView.SentMessage, MessageView.ReceivedMessage {

    String id();

    Direction direction();

    OffsetDateTime at();

    Subaccount subaccount();

    MessageStatus status();

    record SentMessage(String id, Direction direction, OffsetDateTime at, OffsetDateTime sentAt,
                       Subaccount subaccount, String user, Campaign campaign, ContentType contentType,
                       MessageContent content, Contact contact, String correlationId, boolean sentWithSession,
                       ConversationRef conversation, String pricingCategory, MessageStatus status,
                       OffsetDateTime statusAt, OffsetDateTime deliveredAt, OffsetDateTime readAt,
                       MessageError error, String pricingModel, String pricingType, Boolean billable,
                       Media media)
            implements MessageView {

        /** Why it was free, from its pricing type; null while no pricing reached it. */
        public Enums.FreeReason freeReason() {
            return Enums.FreeReason.of(pricingType, billable);
        }
    }

    record ReceivedMessage(String id, Direction direction, OffsetDateTime at, OffsetDateTime repliedAt,
                           Subaccount subaccount, String user, Campaign campaign, ContentType contentType,
                           String text, Contact contact, String correlationId, ConversationRef conversation,
                           QuickReplyButton button, String inReplyToId, MessageStatus status, Media media)
            implements MessageView {
    }

    record Subaccount(String id, String name) {
    }

    record Campaign(String id, String name) {
    }

    record Contact(String phone, String waId, String bsuid, String name) {
    }

    /** The file an image, audio, video, document or sticker message carried; its caption is the message's text. */
    record Media(String id, String mimeType) {
    }

    record MessageContent(String text, String templateName, String templateLanguage) {
    }

    record ConversationRef(String id, ConversationType type, OffsetDateTime expiresAt) {
    }

    record MessageError(int code, String title) {
    }

    record QuickReplyButton(String payload, String text) {
    }

    record StatusStep(MessageStatus status, OffsetDateTime at, MessageError error) {
    }
}
