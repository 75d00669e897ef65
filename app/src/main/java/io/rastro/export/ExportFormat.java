package io.rastro.export;

/** The file formats an export can produce, each with its file extension and content type. */
public enum ExportFormat {
    CSV("csv", "text/csv;charset=UTF-8"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PDF("pdf", "application/pdf"),
    PARQUET("parquet", "application/vnd.apache.parquet");

    public final String extension;
    public final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }
}
