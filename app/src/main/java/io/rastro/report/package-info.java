/**
 * The detailed report: the filter every report, count and export shares (one {@link io.rastro.report.FilterField}
 * entry per field: its validation, its SQL, its words in an export), the SQL it becomes (always scoped by the
 * caller's tenant, values always bound as parameters), keyset pages with exact totals, message histories, counts
 * and quick-reply clicks.
 */
package io.rastro.report;
