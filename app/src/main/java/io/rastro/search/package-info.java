/**
 * Saved searches: a report filter kept under a name, private to its owner or shared with the account, reused by
 * id in the report, the counts and exports ({@link io.rastro.search.SavedSearchFilters} implements the report's
 * {@link io.rastro.report.SavedFilters}). A relative period (LAST_7_DAYS, LAST_MONTH, ...) is resolved to
 * instants at each use, in the search's time zone, by {@link io.rastro.search.PeriodResolver}. Rows live in
 * {@code rastro.saved_searches} (ReplacingMergeTree, read with FINAL so an edit counts from the next read).
 */
package io.rastro.search;
