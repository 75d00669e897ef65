/**
 * Domain rules that more than one capability applies, each in one place: what a phone number is, whichever way it
 * arrives (an ingested event, a report filter), and which instants a request may name.
 */
package io.rastro.domain;
