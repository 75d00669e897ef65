/**
 * Retention: when {@code rastro.retention} is set, whole days of messages older than it are dropped, with their
 * lookup rows and status history, so that they leave the reports, the exports and the point lookups alike.
 */
package io.rastro.retention;
