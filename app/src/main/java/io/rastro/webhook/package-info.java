/**
 * WhatsApp Cloud API webhooks: {@code GET /webhooks/whatsapp} answers Meta's verification handshake and
 * {@code POST /webhooks/whatsapp} takes Meta's bodies unchanged, authenticated by their HMAC-SHA256 signature
 * rather than by a login. Each change is routed by its business number ({@code phone_number_id}, registered by an
 * account administrator in GraphQL) to an account and subaccount, mapped to the ingestion events of
 * {@code io.rastro.ingest} (one set of rules for both paths). The bodies of concurrent requests are stored together in
 * an inbox and then answered; what was stored is applied through the ingestion path right after, in larger groups,
 * and applied again from the inbox if it never was. What cannot be routed is kept for replay.
 * The format and the field-by-field mapping are documented in {@code docs/webhooks.md}.
 */
package io.rastro.webhook;
