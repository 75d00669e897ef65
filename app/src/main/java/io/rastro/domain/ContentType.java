package io.rastro.domain;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a message holds. An ingested event may name any type but the two that only the webhook makes: UNSUPPORTED
 * (a type WhatsApp itself could not deliver, or one not mapped yet) and UNKNOWN (the row a status webhook creates
 * before the message's own event arrives).
 */
public enum ContentType {
    TEXT, TEMPLATE, IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER, LOCATION, CONTACTS, INTERACTIVE, BUTTON, REACTION,
    UNSUPPORTED(false), UNKNOWN(false);

    private final boolean fromEvents;

    ContentType() {
        this(true);
    }

    ContentType(boolean fromEvents) {
        this.fromEvents = fromEvents;
    }

    /** Whether an ingested event may give this type. */
    public boolean fromEvents() {
        return fromEvents;
    }

    /**
     * Whether a message of this type carries a media file (WhatsApp's media id and mime type), whose caption, if
     * any, is the message's text.
     */
    public boolean isMedia() {
        return this == IMAGE || this == AUDIO || this == VIDEO || this == DOCUMENT || this == STICKER;
    }

    /** The names of the types an ingested event may give. */
    public static Set<String> eventNames() {
        return Arrays.stream(values()).filter(ContentType::fromEvents).map(Enum::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
