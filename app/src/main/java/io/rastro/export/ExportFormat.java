package io.rastro.export;

/**
 * The file formats an export can produce, each with its file extension and content type, and whether its file
 * can be sent while it is written.
 */
public enum ExportFormat {
    CSV("csv", "text/csv;charset=UTF-8", true),
    // a zip's directory and a PDF's cross-reference table come at the end, and a Parquet footer is amended after
    // the rows (FormatWriter.finish): only a whole file of these is readable
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false),
    PDF("pdf", "application/pdf", false),
    PARQUET("parquet", "application/vnd.apache.parquet", false);

    public final String extension;
    public final String contentType;
    /** Every byte is final once written (rows appended, nothing amended): the file can be followed as it grows. */
    public final boolean followable;

    ExportFormat(String extension, String contentType, boolean followable) {
        this.extension = extension;
        this.contentType = contentType;
        this.followable = followable;
    }
}
