/** Parquet exports, written whole by the engine for BI tools. */
package io.rastro.export.parquet;
