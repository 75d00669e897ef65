/**
 * Exports of the detailed report to CSV, XLSX, PDF and Parquet. This package holds what the job and the formats
 * share: the columns and their kinds, the formats, the locales, {@link io.rastro.export.FormatWriter} (one per
 * format, each in its own subpackage), what a writer is given ({@link io.rastro.export.ExportContext}) and how
 * it reports rows and bytes ({@link io.rastro.export.Progress}). The job itself (start, run, progress, files,
 * download) is in {@code job}; the formats are in {@code csv}, {@code xlsx}, {@code pdf} and {@code parquet}.
 */
package io.rastro.export;
