package io.rastro.export.job;

import io.rastro.export.ExportColumn;
import io.rastro.export.ExportFormat;
import io.rastro.export.ExportLocale;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.MessageFilterInput;

import java.util.List;

/** The inputs of the export operations, as GraphQL binds them. */
public final class ExportRequests {

    private ExportRequests() {
    }

    /** See {@code StartExportInput} in graphql/export.graphqls. */
    public record StartExportInput(MessageFilterInput filter, String savedSearchId, ExportFormat format,
                                   List<ExportColumn> columns, String timeZone, ExportLocale locale,
                                   MessageSort sort, Boolean csvBom) {
    }

    public record CancelExportInput(String id) {
    }
}
