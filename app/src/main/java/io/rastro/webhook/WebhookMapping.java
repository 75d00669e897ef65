package io.rastro.webhook;

import io.rastro.domain.ContentType;
import io.rastro.domain.ConversationType;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;
import io.rastro.ingest.EventParser;
import io.rastro.ingest.MessageRow;
import io.rastro.ingest.StatusRow;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where a Cloud API change becomes Rastro's rows (the table is in {@code docs/webhooks.md}). The
 * limits and formats are the ingestion events' ({@link EventParser}): the same id rule, the same time range, the
 * same error code and pricing category forms. A value that breaks them rejects the whole body (400, nothing
 * written); an unknown status, message type, field or a value-level error is kept raw instead, never an error.
 */
final class WebhookMapping {

    /** The latest conversation expiry taken as a time; later ones are not real expiries. */
    private static final Instant LATEST_EXPIRY = Instant.parse("2100-01-01T00:00:00Z");

    /** Cloud API status names and the history step each becomes. */
    static final Map<String, String> STATUSES = MessageStatus.byWebhookName();

    /**
     * {@code conversation.origin.type}: the conversation-based types, and the categories Meta has also put there
     * since per-category conversations (marketing, utility and authentication are opened by the business; a
     * service conversation by the user; a referral conversion is a free entry point).
     */
    private static final Map<String, String> ORIGINS = Map.ofEntries(
            Map.entry("business_initiated", "BUSINESS_INITIATED"), Map.entry("user_initiated", "USER_INITIATED"),
            Map.entry("referral_conversion", "FREE_ENTRY_POINT"), Map.entry("free_entry_point", "FREE_ENTRY_POINT"),
            Map.entry("marketing", "BUSINESS_INITIATED"), Map.entry("marketing_lite", "BUSINESS_INITIATED"),
            Map.entry("utility", "BUSINESS_INITIATED"), Map.entry("authentication", "BUSINESS_INITIATED"),
            Map.entry("authentication_international", "BUSINESS_INITIATED"), Map.entry("service", "USER_INITIATED"));

    /** Meta allows 512 characters of biz_opaque_callback_data. */
    private static final int MAX_CORRELATION = 512;
    private static final int MAX_TITLE = 1000;

    private WebhookMapping() {
    }

    /** Maps a {@code messages} change for its route; {@code now} bounds its times as ingestion does. */
    static Mapped map(Change change, Route route, Instant now) {
        var value = change.value();
        var path = change.path() + ".value";
        var latest = now.plus(EventParser.FUTURE_TOLERANCE);
        var statuses = new ArrayList<Mapped.Status>();
        var received = new ArrayList<MessageRow>();
        var kept = new ArrayList<Mapped.Kept>();
        if (!"messages".equals(change.field())) {
            kept.add(new Mapped.Kept("UNKNOWN_FIELD", "field '" + EventParser.shorten(change.field(), 60)
                    + "' is not mapped", value.toString()));
            return new Mapped(statuses, received, kept);
        }
        var errors = array(value, "errors", path + ".errors");
        for (int i = 0; i < errors.size(); i++) {
            kept.add(new Mapped.Kept("VALUE_ERROR", "value-level error " + errorCode(errors.get(i)) + ": "
                    + EventParser.shorten(errorTitle(errors.get(i)), 200), errors.get(i).toString()));
        }
        var list = array(value, "statuses", path + ".statuses");
        for (int i = 0; i < list.size(); i++) {
            var status = object(list, i, path + ".statuses[" + i + "]");
            status(status, path + ".statuses[" + i + "]", route, latest, statuses, kept);
        }
        var contacts = array(value, "contacts", path + ".contacts");
        var messages = array(value, "messages", path + ".messages");
        for (int i = 0; i < messages.size(); i++) {
            var message = object(messages, i, path + ".messages[" + i + "]");
            received.add(message(message, path + ".messages[" + i + "]", route, contacts, latest, kept));
        }
        return new Mapped(statuses, received, kept);
    }

    private static void status(JsonNode node, String path, Route route, Instant latest, List<Mapped.Status> out,
                               List<Mapped.Kept> kept) {
        var id = id(node, "id", path + ".id", true);
        var name = text(node, "status", path + ".status").toLowerCase(Locale.ROOT);
        var at = timestamp(node, "timestamp", path + ".timestamp", latest, true);
        var step = STATUSES.get(name);
        if (step == null) {
            kept.add(new Mapped.Kept("UNKNOWN_STATUS", "status '" + EventParser.shorten(name, 40) + "' of " + id
                    + " is not mapped", node.toString()));
            return;
        }
        var recipient = text(node, "recipient_id", path + ".recipient_id");
        var bsuid = optionalId(node, "recipient_user_id", path + ".recipient_user_id");
        long code = 0;
        var title = "";
        var errors = array(node, "errors", path + ".errors");
        if (!errors.isEmpty()) {
            var error = errors.get(0);
            code = errorCode(error);
            title = errorTitle(error);
        }
        String conversationId = "";
        String conversationType = "";
        Instant expiresAt = null;
        var conversation = node.get("conversation");
        if (conversation != null && conversation.isObject()) {
            conversationId = optionalId(conversation, "id", path + ".conversation.id");
            var origin = conversation.get("origin");
            if (origin != null && origin.isObject()) {
                conversationType = ORIGINS.getOrDefault(text(origin, "type", path + ".conversation.origin.type")
                        .toLowerCase(Locale.ROOT), "");
            }
            expiresAt = timestamp(conversation, "expiration_timestamp", path + ".conversation.expiration_timestamp",
                    LATEST_EXPIRY, false);
            if (expiresAt == null && !conversationId.isEmpty()) {
                expiresAt = at.plus(ConversationType.windowOf(conversationType));
            }
        }
        String category = "";
        String model = "";
        String pricingType = "";
        Boolean billable = null;
        var pricing = node.get("pricing");
        if (pricing != null && pricing.isObject()) {
            category = text(pricing, "category", path + ".pricing.category").toLowerCase(Locale.ROOT);
            if (!category.isEmpty() && !EventParser.PRICING_CATEGORY.matcher(category).matches()) {
                throw new WebhookRejected(path + ".pricing.category", "Must be WhatsApp's category name, such as "
                        + "marketing, utility, authentication or service.");
            }
            model = EventParser.shorten(text(pricing, "pricing_model", path + ".pricing.pricing_model"), 20)
                    .toUpperCase(Locale.ROOT);
            pricingType = EventParser.shorten(text(pricing, "type", path + ".pricing.type"), 50)
                    .toLowerCase(Locale.ROOT);
            var b = pricing.get("billable");
            billable = b != null && b.isBoolean() ? b.booleanValue() : null;
        }
        var correlation = text(node, "biz_opaque_callback_data", path + ".biz_opaque_callback_data");
        if (correlation.length() > MAX_CORRELATION) {
            throw new WebhookRejected(path + ".biz_opaque_callback_data", "Must be at most " + MAX_CORRELATION
                    + " characters.");
        }
        var phone = phone(recipient);
        var created = MessageRow.builder(route.accountId(), at, id, Direction.MT, route.subaccountId())
                .contentType(ContentType.UNKNOWN.name())
                .contactPhone(phone).contactWaId(waId(recipient)).contactBsuid(bsuid)
                .correlationId(correlation)
                .conversationId(conversationId).conversationType(conversationType).conversationExpiresAt(expiresAt)
                .pricingCategory(category)
                .build();
        out.add(new Mapped.Status(new StatusRow(route.accountId(), id, step, at, code, title, conversationId,
                conversationType, expiresAt, category, model, pricingType, billable), created));
    }

    private static MessageRow message(JsonNode node, String path, Route route, JsonNode contacts, Instant latest,
                                      List<Mapped.Kept> kept) {
        var id = id(node, "id", path + ".id", true);
        var at = timestamp(node, "timestamp", path + ".timestamp", latest, true);
        var from = text(node, "from", path + ".from");
        var bsuid = optionalId(node, "from_user_id", path + ".from_user_id");
        // contacts[] describes the senders: find this one by wa_id or user_id to fill in what the message lacks
        var waId = waId(from);
        var profileName = "";
        for (int i = 0; i < contacts.size(); i++) {
            var c = contacts.get(i);
            if (!c.isObject()) {
                continue;
            }
            var cWaId = text(c, "wa_id", path + ".contacts.wa_id");
            var cUser = text(c, "user_id", path + ".contacts.user_id");
            var same = (!from.isEmpty() && (from.equals(cWaId))) || (!bsuid.isEmpty() && bsuid.equals(cUser))
                    || contacts.size() == 1;
            if (same) {
                if (waId.isEmpty() && EventParser.isId(cWaId)) {
                    waId = cWaId;
                }
                if (bsuid.isEmpty() && !cUser.isEmpty() && EventParser.isId(cUser)) {
                    bsuid = cUser;
                }
                var profile = c.get("profile");
                if (profile != null && profile.isObject()) {
                    profileName = EventParser.shorten(text(profile, "name", path + ".contacts.profile.name"), 1000);
                }
                break;
            }
        }
        var phone = phone(from.isEmpty() ? waId : from);
        if (phone.isEmpty() && waId.isEmpty() && bsuid.isEmpty()) {
            throw new WebhookRejected(path + ".from", "A message needs its sender: from (a wa_id) or from_user_id "
                    + "(a BSUID).");
        }
        var type = text(node, "type", path + ".type").toLowerCase(Locale.ROOT);
        var contentType = ContentType.UNSUPPORTED.name();
        var text = "";
        var payload = "";
        var buttonText = "";
        var replyTo = "";
        var mediaId = "";
        var mimeType = "";
        var context = node.get("context");
        if (context != null && context.isObject()) {
            replyTo = optionalId(context, "id", path + ".context.id");
        }
        switch (type) {
            case "text" -> {
                contentType = "TEXT";
                text = text(child(node, "text"), "body", path + ".text.body");
            }
            case "image", "audio", "video", "document", "sticker" -> {
                contentType = type.toUpperCase(Locale.ROOT); // each is a ContentType whose isMedia() holds
                var media = child(node, type);
                mediaId = optionalId(media, "id", path + "." + type + ".id");
                mimeType = EventParser.shorten(text(media, "mime_type", path + "." + type + ".mime_type"),
                        EventParser.MAX_MIME_TYPE);
                text = text(media, "caption", path + "." + type + ".caption");
                if (text.isEmpty() && type.equals("document")) {
                    text = text(media, "filename", path + ".document.filename");
                }
            }
            case "location" -> {
                contentType = "LOCATION";
                var location = child(node, "location");
                var parts = new ArrayList<String>();
                for (var key : List.of("name", "address")) {
                    var s = text(location, key, path + ".location." + key);
                    if (!s.isEmpty()) {
                        parts.add(s);
                    }
                }
                var lat = location.get("latitude");
                var lon = location.get("longitude");
                if (lat != null && lon != null && lat.isNumber() && lon.isNumber()) {
                    parts.add(lat.asString() + "," + lon.asString());
                }
                text = String.join(" · ", parts);
            }
            case "contacts" -> {
                contentType = "CONTACTS";
                var cards = array(node, "contacts", path + ".contacts");
                var names = new ArrayList<String>();
                for (int i = 0; i < cards.size(); i++) {
                    var name = cards.get(i).get("name");
                    if (name != null && name.isObject()) {
                        var formatted = text(name, "formatted_name", path + ".contacts[" + i + "].name.formatted_name");
                        if (!formatted.isEmpty()) {
                            names.add(formatted);
                        }
                    }
                }
                text = String.join(", ", names);
            }
            case "interactive" -> {
                contentType = "INTERACTIVE";
                var interactive = child(node, "interactive");
                var reply = interactive.get("button_reply");
                if (reply == null || !reply.isObject()) {
                    reply = interactive.get("list_reply");
                }
                if (reply != null && reply.isObject()) {
                    payload = EventParser.shorten(text(reply, "id", path + ".interactive.reply.id"), 1000);
                    buttonText = EventParser.shorten(text(reply, "title", path + ".interactive.reply.title"), 1000);
                    text = buttonText;
                } else {
                    var flow = interactive.get("nfm_reply");
                    text = flow != null && flow.isObject() ? text(flow, "body", path + ".interactive.nfm_reply.body") : "";
                }
            }
            case "button" -> {
                contentType = "BUTTON";
                var button = child(node, "button");
                payload = EventParser.shorten(text(button, "payload", path + ".button.payload"), 1000);
                buttonText = EventParser.shorten(text(button, "text", path + ".button.text"), 1000);
                text = buttonText;
            }
            case "reaction" -> {
                contentType = "REACTION";
                var reaction = child(node, "reaction");
                text = text(reaction, "emoji", path + ".reaction.emoji");
                var target = optionalId(reaction, "message_id", path + ".reaction.message_id");
                if (!target.isEmpty()) {
                    replyTo = target;
                }
            }
            case "unsupported" -> {
                var errors = array(node, "errors", path + ".errors");
                text = errors.isEmpty() ? "" : errorTitle(errors.get(0));
                kept.add(new Mapped.Kept("UNSUPPORTED_MESSAGE", "unsupported message " + id
                        + (errors.isEmpty() ? "" : ": error " + errorCode(errors.get(0))), node.toString()));
            }
            default -> kept.add(new Mapped.Kept("UNKNOWN_TYPE", "message type '" + EventParser.shorten(type, 40)
                    + "' of " + id + " is stored as UNSUPPORTED", node.toString()));
        }
        if (contentType.equals("BUTTON") && payload.isEmpty()) {
            throw new WebhookRejected(path + ".button.payload", "A quick-reply tap needs its button's payload.");
        }
        // a click-to-WhatsApp ad: the ad is the campaign, its click id the correlation, and the reply window is a
        // free entry point's; the conversation's own id arrives later, on the business's answer's statuses
        var campaignId = "";
        var campaignName = "";
        var correlation = "";
        var conversationType = "";
        Instant expiresAt = null;
        var referral = node.get("referral");
        if (referral != null && referral.isObject()) {
            campaignId = EventParser.shorten(text(referral, "source_id", path + ".referral.source_id"), 200);
            campaignName = EventParser.shorten(text(referral, "headline", path + ".referral.headline"), 1000);
            correlation = EventParser.shorten(text(referral, "ctwa_clid", path + ".referral.ctwa_clid"), 512);
            conversationType = ConversationType.FREE_ENTRY_POINT.name();
            expiresAt = at.plus(ConversationType.windowOf(conversationType));
        }
        return MessageRow.builder(route.accountId(), at, id, Direction.MO, route.subaccountId())
                .campaignId(campaignId).campaignName(campaignName)
                .contentType(contentType).text(text)
                .contactPhone(phone).contactWaId(waId).contactBsuid(bsuid).contactName(profileName)
                .correlationId(correlation)
                .conversationType(conversationType).conversationExpiresAt(expiresAt)
                .buttonPayload(payload).buttonText(buttonText).replyToMessageId(replyTo)
                .mediaId(mediaId).mediaMimeType(mimeType)
                .build();
    }

    /** WhatsApp's wa_id as a phone: E.164 digits, or "" when it is not one (a wa_id need not be). */
    private static String phone(String waId) {
        if (waId.isEmpty()) {
            return "";
        }
        var phone = io.rastro.domain.PhoneNumbers.normalise(waId);
        return phone == null ? "" : phone;
    }

    /** A wa_id kept as given when it is a well-formed id, else "". */
    private static String waId(String value) {
        return !value.isEmpty() && value.length() <= EventParser.MAX_ID && EventParser.isId(value) ? value : "";
    }

    private static long errorCode(JsonNode error) {
        var code = error.get("code");
        if (code != null && code.isIntegralNumber() && code.canConvertToLong() && code.longValue() >= 0
                && code.longValue() <= EventParser.MAX_ERROR_CODE) {
            return code.longValue();
        }
        return 0;
    }

    /** The title, with Meta's details when they add to it (they often repeat it), kept to one line. */
    private static String errorTitle(JsonNode error) {
        if (!error.isObject()) {
            return "";
        }
        var title = text(error, "title", "errors.title");
        if (title.isEmpty()) {
            title = text(error, "message", "errors.message");
        }
        var data = error.get("error_data");
        var details = data != null && data.isObject() ? text(data, "details", "errors.error_data.details") : "";
        if (details.isEmpty()) {
            details = text(error, "details", "errors.details");
        }
        if (!details.isEmpty() && !details.replaceAll("\\W", "").equalsIgnoreCase(title.replaceAll("\\W", ""))) {
            title = title.isEmpty() ? details : title + ": " + details;
        }
        return EventParser.shorten(title, MAX_TITLE);
    }

    /**
     * Epoch seconds, as a string of digits or an integral number, within ingestion's range. Absent is null when
     * not required; anything else rejects the body.
     */
    static Instant timestamp(JsonNode node, String name, String path, Instant latest, boolean required) {
        var value = node.get(name);
        if (value == null || value.isNull() || (value.isString() && value.stringValue().isBlank())) {
            if (required) {
                throw new WebhookRejected(path, "Is required: epoch seconds, e.g. \"1732111380\".");
            }
            return null;
        }
        long seconds;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            seconds = value.longValue();
        } else if (value.isString() && value.stringValue().strip().matches("\\d{1,12}")) {
            seconds = Long.parseLong(value.stringValue().strip());
        } else {
            throw new WebhookRejected(path, "'" + EventParser.shorten(value.asString(), 40) + "' is not a time "
                    + "in epoch seconds, e.g. \"1732111380\".");
        }
        var at = Instant.ofEpochSecond(seconds);
        if (at.isBefore(EventParser.EARLIEST) || at.isAfter(latest)) {
            throw new WebhookRejected(path, "'" + at + "' is out of range: times are from " + EventParser.EARLIEST
                    + " up to a day after now (epoch seconds, not milliseconds).");
        }
        return at;
    }

    /** A string field; absent, null or "" is "" (an empty string means absent). A non-string rejects the body. */
    static String text(JsonNode node, String name, String path) {
        var value = node.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isString()) {
            throw new WebhookRejected(path, "Must be a string.");
        }
        return value.stringValue().strip();
    }

    private static String id(JsonNode node, String name, String path, boolean required) {
        var value = optionalId(node, name, path);
        if (value.isEmpty() && required) {
            throw new WebhookRejected(path, "Is required.");
        }
        return value;
    }

    private static String optionalId(JsonNode node, String name, String path) {
        var value = text(node, name, path);
        if (!value.isEmpty() && (value.length() > EventParser.MAX_ID || !EventParser.isId(value))) {
            throw new WebhookRejected(path, "Must be 1 to " + EventParser.MAX_ID + " characters without spaces.");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String name, String path) {
        var value = node.get(name);
        if (value == null || value.isNull()) {
            return WebhookBody.MAPPER.createArrayNode();
        }
        if (!value.isArray()) {
            throw new WebhookRejected(path, "Must be an array.");
        }
        return value;
    }

    private static JsonNode object(JsonNode array, int index, String path) {
        var value = array.get(index);
        if (!value.isObject()) {
            throw new WebhookRejected(path, "Must be an object.");
        }
        return value;
    }

    /** A type's own object ({@code text}, {@code image}, ...); absent is an empty object. */
    private static JsonNode child(JsonNode node, String name) {
        var value = node.get(name);
        return value != null && value.isObject() ? value : WebhookBody.MAPPER.createObjectNode();
    }
}
