/** PDF exports for people: a title block and a table drawn straight onto the page as the rows stream. */
package io.rastro.export.pdf;
