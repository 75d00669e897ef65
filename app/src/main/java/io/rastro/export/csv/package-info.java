/** CSV exports: a header row written here, then rows the engine renders and writes cell by cell. */
package io.rastro.export.csv;
