package io.rastro.ingest;

import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;
import io.rastro.domain.PhoneNumbers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates and normalises one event line (format in docs/events.md). The account is never read from the event:
 * it is the token's, and an {@code account} field that names another one rejects the line. The first problem
 * found rejects the line, naming the field by its JSON path. Unknown fields are ignored (forward compatible).
 */
public final class EventParser {

    static final Set<String> CONTENT_TYPES = ContentType.eventNames();
    static final Set<String> CONVERSATION_TYPES = java.util.Arrays.stream(ConversationType.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    static final Set<String> STATUSES = MessageStatus.eventNames();

    /** Nothing before WhatsApp existed; a time this old is a unit mistake (seconds read as milliseconds). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Clocks drift, but an event a day in the future is a mistake, not a drift. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);
    private static final Instant LATEST_EXPIRY = Instant.parse("2100-01-01T00:00:00Z");

    public static final int MAX_ID = 200;
    private static final int MAX_NAME = 1000;
    /** Longer than any registered type (RFC 6838 allows 127 + "/" + 127). */
    public static final int MAX_MIME_TYPE = 255;
    private static final int MAX_USER = 320;
    public static final long MAX_ERROR_CODE = 4_294_967_295L;
    public static final Pattern PRICING_CATEGORY = Pattern.compile("[a-z][a-z0-9_]{0,49}");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // {"account":"a","account":"b"} is ambiguous
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String accountId;
    private final Set<String> subaccounts;
    private final Instant latest;

    /**
     * @param accountId   the token's account: every row gets it
     * @param subaccounts the subaccounts events may name
     * @param now         the batch's time, for the future bound
     */
    EventParser(String accountId, Set<String> subaccounts, Instant now) {
        this.accountId = accountId;
        this.subaccounts = Set.copyOf(subaccounts);
        this.latest = now.plus(FUTURE_TOLERANCE);
    }

    Event parse(byte[] bytes, int offset, int length) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            throw new LineRejectedException("line", "Not valid JSON: " + shorten(e.getOriginalMessage(), 160));
        }
        if (node == null || !node.isObject()) {
            throw new LineRejectedException("line", "Each line must be one JSON object (one event per line; "
                    + "arrays are not accepted).");
        }
        var type = string(node, "type", "type", true, MAX_ID).toLowerCase(Locale.ROOT);
        var account = node.get("account");
        if (account != null && !account.isNull() && !(account.isString() && account.stringValue().equals(accountId))) {
            throw new LineRejectedException("account", "The event names another account than the API token's. "
                    + "The account comes from the token; leave the field out.");
        }
        return switch (type) {
            case "mt" -> sent(node);
            case "mo" -> received(node);
            case "status" -> status(node);
            default -> throw new LineRejectedException("type", "Must be mt, status or mo.");
        };
    }

    private Event sent(JsonNode node) {
        var id = id(node, "id", true);
        var at = at(node, "at");
        var subaccount = subaccount(node);
        var campaign = object(node, "campaign", "campaign", false);
        var template = object(node, "template", "template", false);
        var contact = contact(node);
        var conversation = conversation(node, at);
        var pricing = orEmpty(string(node, "pricingCategory", "pricingCategory", false, 50)).toLowerCase(Locale.ROOT);
        if (!pricing.isEmpty() && !PRICING_CATEGORY.matcher(pricing).matches()) {
            throw new LineRejectedException("pricingCategory", "Must be WhatsApp's category name, such as "
                    + "marketing, utility, authentication or service.");
        }
        // The fields are read in this order, so a line with several problems is rejected for the first one.
        var row = MessageRow.builder(accountId, at, id, Direction.MT, subaccount)
                .userId(orEmpty(string(node, "user", "user", false, MAX_USER)))
                .campaignId(campaign == null ? "" : string(campaign, "id", "campaign.id", true, MAX_ID))
                .campaignName(campaign == null ? "" : orEmpty(string(campaign, "name", "campaign.name", false, MAX_NAME)))
                .contentType(oneOf(node, "contentType", "contentType", CONTENT_TYPES, true))
                .templateName(template == null ? "" : string(template, "name", "template.name", true, MAX_ID))
                .templateLanguage(template == null ? ""
                        : orEmpty(string(template, "language", "template.language", false, 20)))
                .text(text(node, "text", "text"))
                .contactPhone(contact[0]).contactWaId(contact[1]).contactBsuid(contact[2]).contactName(contact[3])
                .sentWithSession(bool(node, "sentWithSession"))
                .correlationId(orEmpty(string(node, "correlationId", "correlationId", false, MAX_ID)))
                .conversationId(conversation.id()).conversationType(conversation.type())
                .conversationExpiresAt(conversation.expiresAt())
                .pricingCategory(pricing)
                .build();
        row = withMedia(node, row);
        return new Event.Sent(row, new StatusRow(accountId, id, MessageStatus.ACCEPTED.name(), at, 0, ""));
    }

    private Event received(JsonNode node) {
        var id = id(node, "id", true);
        var at = at(node, "at");
        var subaccount = subaccount(node);
        var campaign = object(node, "campaign", "campaign", false);
        var contentType = oneOf(node, "contentType", "contentType", CONTENT_TYPES, true);
        var text = text(node, "text", "text");
        var contact = contact(node);
        var button = object(node, "button", "button", false);
        if (button != null && !contentType.equals("BUTTON")) {
            throw new LineRejectedException("button", "A button tap has contentType BUTTON; this event has "
                    + contentType + ".");
        }
        if (button == null && contentType.equals("BUTTON")) {
            throw new LineRejectedException("button", "An event with contentType BUTTON needs the button tapped "
                    + "({\"payload\": ..., \"text\": ...}).");
        }
        var payload = button == null ? "" : string(button, "payload", "button.payload", true, MAX_NAME);
        var buttonText = button == null ? "" : orEmpty(string(button, "text", "button.text", false, MAX_NAME));
        var replyTo = orEmpty(id(node, "replyTo", false));
        var conversation = conversation(node, at);
        var row = MessageRow.builder(accountId, at, id, Direction.MO, subaccount)
                .userId(orEmpty(string(node, "user", "user", false, MAX_USER)))
                .campaignId(campaign == null ? "" : string(campaign, "id", "campaign.id", true, MAX_ID))
                .campaignName(campaign == null ? "" : orEmpty(string(campaign, "name", "campaign.name", false, MAX_NAME)))
                .contentType(contentType)
                .text(text)
                .contactPhone(contact[0]).contactWaId(contact[1]).contactBsuid(contact[2]).contactName(contact[3])
                .correlationId(orEmpty(string(node, "correlationId", "correlationId", false, MAX_ID)))
                .conversationId(conversation.id()).conversationType(conversation.type())
                .conversationExpiresAt(conversation.expiresAt())
                .buttonPayload(payload).buttonText(buttonText).replyToMessageId(replyTo)
                .build();
        return new Event.Received(withMedia(node, row));
    }

    private Event status(JsonNode node) {
        var id = id(node, "id", true);
        var status = oneOf(node, "status", "status", STATUSES, true);
        var at = at(node, "at");
        long code = 0;
        var title = "";
        if (status.equals(MessageStatus.FAILED.name())) {
            var error = object(node, "error", "error", true);
            var codeNode = error.get("code");
            if (codeNode == null || codeNode.isNull()) {
                throw new LineRejectedException("error.code", "Is required: WhatsApp's error code, e.g. 131026.");
            }
            if (!codeNode.isIntegralNumber() || !codeNode.canConvertToLong()
                    || codeNode.longValue() < 1 || codeNode.longValue() > MAX_ERROR_CODE) {
                throw new LineRejectedException("error.code", "Must be WhatsApp's numeric error code, e.g. 131026.");
            }
            code = codeNode.longValue();
            title = string(error, "title", "error.title", true, MAX_NAME);
        }
        var pricing = object(node, "pricing", "pricing", false);
        if (pricing == null) {
            return new Event.StatusUpdate(new StatusRow(accountId, id, status, at, code, title));
        }
        var category = orEmpty(string(pricing, "category", "pricing.category", false, 50)).toLowerCase(Locale.ROOT);
        if (!category.isEmpty() && !PRICING_CATEGORY.matcher(category).matches()) {
            throw new LineRejectedException("pricing.category", "Must be WhatsApp's category name, such as "
                    + "marketing or utility.");
        }
        var model = orEmpty(string(pricing, "model", "pricing.model", false, 20)).toUpperCase(Locale.ROOT);
        if (!model.isEmpty() && !model.equals("CBP") && !model.equals("PMP")) {
            throw new LineRejectedException("pricing.model", "Must be CBP or PMP.");
        }
        var type = orEmpty(string(pricing, "type", "pricing.type", false, 50)).toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !PRICING_CATEGORY.matcher(type).matches()) {
            throw new LineRejectedException("pricing.type", "Must be WhatsApp's pricing type, such as regular, "
                    + "free_customer_service or free_entry_point.");
        }
        var billable = pricing.get("billable");
        if (billable != null && !billable.isNull() && !billable.isBoolean()) {
            throw new LineRejectedException("pricing.billable", "Must be true or false.");
        }
        return new Event.StatusUpdate(new StatusRow(accountId, id, status, at, code, title, "", "", null, category,
                model, type, billable == null || billable.isNull() ? null : billable.booleanValue()));
    }

    private record Conversation(String id, String type, Instant expiresAt) {
    }

    /** The conversation, with its expiry defaulting to its start (the event's time) plus the window. */
    private Conversation conversation(JsonNode node, Instant at) {
        var conversation = object(node, "conversation", "conversation", false);
        if (conversation == null) {
            return new Conversation("", "", null);
        }
        var id = string(conversation, "id", "conversation.id", true, MAX_ID);
        var type = oneOf(conversation, "type", "conversation.type", CONVERSATION_TYPES, false);
        var expiresAt = instant(conversation, "expiresAt", "conversation.expiresAt", false);
        if (expiresAt != null && (expiresAt.isBefore(EARLIEST) || !expiresAt.isBefore(LATEST_EXPIRY))) {
            throw new LineRejectedException("conversation.expiresAt", "Must be between " + EARLIEST + " and "
                    + LATEST_EXPIRY + ".");
        }
        if (expiresAt == null) {
            expiresAt = at.plus(ConversationType.windowOf(type));
        }
        return new Conversation(id, type == null ? "" : type, expiresAt);
    }

    /**
     * The optional {@code media} object, {@code {"id": …, "mimeType": …}}, of a message whose content type is a
     * media one ({@link ContentType#isMedia}); the caption stays the message's {@code text}.
     */
    private static MessageRow withMedia(JsonNode node, MessageRow row) {
        var media = object(node, "media", "media", false);
        if (media == null) {
            return row;
        }
        if (!ContentType.valueOf(row.contentType()).isMedia()) {
            throw new LineRejectedException("media", "Only an IMAGE, AUDIO, VIDEO, DOCUMENT or STICKER message carries "
                    + "media; this one is " + row.contentType() + ".");
        }
        return row.toBuilder().mediaId(id(media, "id", "media.id", true))
                .mediaMimeType(orEmpty(string(media, "mimeType", "media.mimeType", false, MAX_MIME_TYPE)))
                .build();
    }

    /** phone (normalised), waId, bsuid (at least one of them), and the optional profile name. */
    private String[] contact(JsonNode node) {
        var contact = object(node, "contact", "contact", true);
        var rawPhone = string(contact, "phone", "contact.phone", false, 40);
        var phone = "";
        if (rawPhone != null) {
            var parsed = PhoneNumbers.parse(rawPhone);
            if (!parsed.valid()) {
                var why = PhoneNumbers.explain(parsed.problem(), shorten(rawPhone, 40));
                throw new LineRejectedException("contact.phone", why.endsWith(".") ? why : why + ".");
            }
            phone = parsed.digits();
        }
        var waId = orEmpty(id(contact, "waId", "contact.waId", false));
        var bsuid = orEmpty(id(contact, "bsuid", "contact.bsuid", false));
        if (phone.isEmpty() && waId.isEmpty() && bsuid.isEmpty()) {
            throw new LineRejectedException("contact", "Needs at least one of phone, waId or bsuid.");
        }
        var name = orEmpty(string(contact, "name", "contact.name", false, MAX_NAME));
        return new String[] {phone, waId, bsuid, name};
    }

    private String subaccount(JsonNode node) {
        var subaccount = string(node, "subaccount", "subaccount", true, MAX_ID);
        if (!subaccounts.contains(subaccount)) {
            throw new LineRejectedException("subaccount", "'" + shorten(subaccount, 60)
                    + "' is not a subaccount this token may send events for.");
        }
        return subaccount;
    }

    private Instant at(JsonNode node, String name) {
        var at = instant(node, name, name, true);
        if (at.isBefore(EARLIEST) || at.isAfter(latest)) {
            throw new LineRejectedException(name, "'" + at + "' is out of range: events are from " + EARLIEST
                    + " up to a day after now.");
        }
        return at;
    }

    private static Instant instant(JsonNode node, String name, String path, boolean required) {
        var value = string(node, name, path, required, 64);
        if (value == null) {
            return null;
        }
        try {
            return Timestamps.parse(value);
        } catch (DateTimeParseException e) {
            throw new LineRejectedException(path, "'" + shorten(value, 64) + "' is not an ISO-8601 time with an "
                    + "offset, e.g. 2026-11-20T14:03:00Z or 2026-11-20T11:03:00-03:00.");
        }
    }

    private static String id(JsonNode node, String name, boolean required) {
        return id(node, name, name, required);
    }

    private static String id(JsonNode node, String name, String path, boolean required) {
        var value = string(node, name, path, required, MAX_ID);
        if (value != null && !isId(value)) {
            throw new LineRejectedException(path, "Must be 1 to " + MAX_ID + " characters without spaces.");
        }
        return value;
    }

    /**
     * No whitespace or control character: what {@code [^\s\p{Cntrl}]} allows (ASCII {@code \s} and
     * {@code \p{Cntrl}} are exactly the code units up to space, and DEL), checked without a regex on every line.
     * The length is already bounded by {@link #string}.
     */
    public static boolean isId(String value) {
        for (int i = 0; i < value.length(); i++) {
            var c = value.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String oneOf(JsonNode node, String name, String path, Set<String> allowed, boolean required) {
        var value = string(node, name, path, required, MAX_ID);
        if (value == null) {
            return null;
        }
        var upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new LineRejectedException(path, "'" + shorten(value, 40) + "' is not one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return upper;
    }

    /** Free text: any string, absent is "". */
    private static String text(JsonNode node, String name, String path) {
        var value = node.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isString()) {
            throw new LineRejectedException(path, "Must be a string.");
        }
        return value.stringValue();
    }

    /** A short string, stripped; absent, null or blank is null (and an error when required). */
    private static String string(JsonNode node, String name, String path, boolean required, int maxLength) {
        var value = node.get(name);
        if (value == null || value.isNull() || (value.isString() && value.stringValue().isBlank())) {
            if (required) {
                throw new LineRejectedException(path, "Is required.");
            }
            return null;
        }
        if (!value.isString()) {
            throw new LineRejectedException(path, "Must be a string.");
        }
        var s = value.stringValue().strip();
        if (s.length() > maxLength) {
            throw new LineRejectedException(path, "Must be at most " + maxLength + " characters.");
        }
        return s;
    }

    private static JsonNode object(JsonNode node, String name, String path, boolean required) {
        var value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new LineRejectedException(path, "Is required.");
            }
            return null;
        }
        if (!value.isObject()) {
            throw new LineRejectedException(path, "Must be a JSON object.");
        }
        return value;
    }

    private static boolean bool(JsonNode node, String name) {
        var value = node.get(name);
        if (value == null || value.isNull()) {
            throw new LineRejectedException(name, "Is required: true or false.");
        }
        if (!value.isBoolean()) {
            throw new LineRejectedException(name, "Must be true or false.");
        }
        return value.booleanValue();
    }

    /** No leading or trailing space, no whitespace but single spaces: what {@link #shorten} would return as is. */
    private static boolean isOneLine(String s) {
        if (s.isEmpty()) {
            return true;
        }
        if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            var c = s.charAt(i);
            if (c == ' ' ? s.charAt(i + 1) == ' ' : Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    public static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max && isOneLine(s)) {
            return s; // the usual case, without a regular expression: webhooks call this for several fields each
        }
        var oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }
}
