/** XLSX exports: sheet XML written as the rows stream, straight into a zip deflated on a second thread. */
package io.rastro.export.xlsx;
