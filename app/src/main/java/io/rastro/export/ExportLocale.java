package io.rastro.export;

/** The language of column headers and of the PDF's title block. */
public enum ExportLocale {
    EN, ES, PT
}
