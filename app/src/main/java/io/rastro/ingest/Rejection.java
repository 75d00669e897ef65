package io.rastro.ingest;

/**
 * Why one line of a batch was refused.
 *
 * @param line   1-based line number in the request body (blank lines count)
 * @param field  the JSON path of the field at fault (e.g. {@code contact.phone}), or {@code line} for the line as a whole
 * @param reason what is wrong, for a person
 */
public record Rejection(long line, String field, String reason) {
}
