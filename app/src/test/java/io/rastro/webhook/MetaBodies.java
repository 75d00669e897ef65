package io.rastro.webhook;

import java.time.Instant;

/**
 * Webhook bodies shaped like the examples of Meta's Cloud API webhook reference (messages and status webhooks):
 * {@code object}, {@code entry[].id} (the WABA), {@code changes[].field: messages} and a {@code value} with
 * {@code messaging_product}, {@code metadata}, and {@code contacts}/{@code messages} or {@code statuses}.
 */
final class MetaBodies {

    static final String WABA = "102290129340398";

    private MetaBodies() {
    }

    /** Epoch seconds as Meta writes them: a string. */
    static String ts(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    /** A body with one change per value given (each already a JSON object text). */
    static String body(String... values) {
        var changes = new StringBuilder();
        for (var v : values) {
            if (!changes.isEmpty()) {
                changes.append(',');
            }
            changes.append("{\"value\":").append(v).append(",\"field\":\"messages\"}");
        }
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA + "\",\"changes\":["
                + changes + "]}]}";
    }

    static String metadata(String phoneNumberId) {
        return "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + phoneNumberId + "\"}";
    }

    /** A statuses value: each status is a JSON object text. */
    static String statuses(String phoneNumberId, String... statuses) {
        return "{" + metadata(phoneNumberId) + ",\"statuses\":[" + String.join(",", statuses) + "]}";
    }

    /** A messages value with its contacts. */
    static String messages(String phoneNumberId, String contacts, String... messages) {
        return "{" + metadata(phoneNumberId) + ",\"contacts\":[" + contacts + "],\"messages\":["
                + String.join(",", messages) + "]}";
    }

    /** A status as in the reference, with CBP-era conversation and pricing. */
    static String status(String id, String status, Instant at, String recipient) {
        return """
                {"id":"%s","status":"%s","timestamp":"%s","recipient_id":"%s",\
                "conversation":{"id":"b1a2c3d4e5f60718293a4b5c6d7e8f90","expiration_timestamp":"%s",\
                "origin":{"type":"marketing"}},\
                "pricing":{"billable":true,"pricing_model":"CBP","category":"marketing"}}"""
                .formatted(id, status, ts(at), recipient, ts(at.plusSeconds(86_400)));
    }

    /** A failed status with Meta's error object. */
    static String failed(String id, Instant at, String recipient) {
        return """
                {"id":"%s","status":"failed","timestamp":"%s","recipient_id":"%s",\
                "errors":[{"code":131026,"title":"Message undeliverable","message":"Message undeliverable",\
                "error_data":{"details":"Message Undeliverable."},\
                "href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]}"""
                .formatted(id, ts(at), recipient);
    }

    static String contact(String name, String waId, String userId) {
        return "{\"profile\":{\"name\":\"" + name + "\"}" + (waId == null ? "" : ",\"wa_id\":\"" + waId + "\"")
                + (userId == null ? "" : ",\"user_id\":\"" + userId + "\"") + "}";
    }

    static String text(String id, String from, Instant at, String body) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + id + "\",\"timestamp\":\"" + ts(at)
                + "\",\"text\":{\"body\":\"" + body + "\"},\"type\":\"text\"}";
    }

    static String buttonTap(String id, String from, Instant at, String repliesTo, String payload, String text) {
        return "{\"context\":{\"from\":\"15550783881\",\"id\":\"" + repliesTo + "\"},\"from\":\"" + from
                + "\",\"id\":\"" + id + "\",\"timestamp\":\"" + ts(at) + "\",\"type\":\"button\",\"button\":{"
                + "\"payload\":\"" + payload + "\",\"text\":\"" + text + "\"}}";
    }
}
