/**
 * Domain rules that more than one capability applies, each in one place: a message's direction, status (with its
 * precedence), content type and conversation type, as ingestion stores them and the report filters and shows
 * them; what a phone number is, whichever way it arrives (an ingested event, a webhook, a report filter); which
 * instants a request may name; and what a WhatsApp error code means. It imports no other Rastro package.
 */
package io.rastro.domain;
