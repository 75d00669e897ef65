package io.rastro.domain;

import java.time.Duration;

/**
 * WhatsApp's conversation categories as Rastro stores them. A FREE_ENTRY_POINT conversation (a click-to-WhatsApp ad
 * or a Page button) stays open 72 h from its start, the others 24 h.
 */
public enum ConversationType {
    BUSINESS_INITIATED, USER_INITIATED, FREE_ENTRY_POINT;

    /** How long a conversation of the stored type {@code name} stays open when its expiry is not given. */
    public static Duration windowOf(String name) {
        return FREE_ENTRY_POINT.name().equals(name) ? Duration.ofHours(72) : Duration.ofHours(24);
    }
}
