/**
 * Export jobs: the same filter as the report (inline or a saved search), a snapshot cutoff so the file agrees
 * with the count it reports, rows streamed from the engine straight into a temporary file (flat memory) that is
 * renamed into place only when complete, progress and state kept in the store so they survive restarts, caps on
 * concurrent jobs, authenticated downloads with Range support, and a cleaner that deletes files past their
 * retention. Which format writes the file is the business of the {@code FormatWriter} beans.
 */
package io.rastro.export.job;
