package io.rastro.webhook;

import tools.jackson.databind.JsonNode;

/**
 * One change of a webhook body, {@code entry[i].changes[j]}.
 *
 * @param path          its JSON path in the body, for error messages
 * @param wabaId        the WhatsApp Business Account id ({@code entry[i].id})
 * @param field         what changed; {@code messages} is the one mapped
 * @param phoneNumberId the business number ({@code value.metadata.phone_number_id}); "" when absent
 * @param value         the change's {@code value} object
 */
record Change(String path, String wabaId, String field, String phoneNumberId, JsonNode value) {
}
