package io.rastro.webhook;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Cloud API webhook body into its changes: {@code object: whatsapp_business_account} with
 * {@code entry[].changes[]}. Only the envelope is checked here; each change's value is mapped by
 * {@link WebhookMapping}.
 */
final class WebhookBody {

    static final String OBJECT = "whatsapp_business_account";

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WebhookBody() {
    }

    static List<Change> parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRejected("body", "Not valid JSON: " + io.rastro.ingest.EventParser.shorten(
                    e.getOriginalMessage(), 160));
        }
        if (root == null || !root.isObject()) {
            throw new WebhookRejected("body", "The body must be one JSON object, as Meta sends it.");
        }
        var object = root.get("object");
        if (object == null || !object.isString() || !object.stringValue().equals(OBJECT)) {
            throw new WebhookRejected("object", "Must be \"" + OBJECT + "\": only WhatsApp Business Account "
                    + "webhooks are taken here.");
        }
        var entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw new WebhookRejected("entry", "Must be an array of entries.");
        }
        var changes = new ArrayList<Change>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            var path = "entry[" + i + "]";
            if (!entry.isObject()) {
                throw new WebhookRejected(path, "Must be an object.");
            }
            var waba = WebhookMapping.text(entry, "id", path + ".id");
            var list = entry.get("changes");
            if (list == null || !list.isArray()) {
                throw new WebhookRejected(path + ".changes", "Must be an array of changes.");
            }
            for (int j = 0; j < list.size(); j++) {
                var change = list.get(j);
                var changePath = path + ".changes[" + j + "]";
                if (!change.isObject()) {
                    throw new WebhookRejected(changePath, "Must be an object.");
                }
                var field = WebhookMapping.text(change, "field", changePath + ".field");
                var value = change.get("value");
                if (value == null || !value.isObject()) {
                    throw new WebhookRejected(changePath + ".value", "Must be an object.");
                }
                var metadata = value.get("metadata");
                var number = metadata != null && metadata.isObject()
                        ? WebhookMapping.text(metadata, "phone_number_id", changePath + ".value.metadata.phone_number_id")
                        : "";
                changes.add(new Change(changePath, waba, field, number, value));
            }
        }
        return changes;
    }
}
