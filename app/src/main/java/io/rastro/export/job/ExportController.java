package io.rastro.export.job;

import io.rastro.export.job.ExportJobView.CancelExportPayload;
import io.rastro.export.job.ExportJobView.StartExportPayload;
import io.rastro.export.job.ExportRequests.CancelExportInput;
import io.rastro.export.job.ExportRequests.StartExportInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** The export operations over GraphQL; thin, the work is in {@link ExportService}. */
@Controller
public class ExportController {

    private final ExportService exports;

    public ExportController(ExportService exports) {
        this.exports = exports;
    }

    @MutationMapping
    public StartExportPayload startExport(@Argument StartExportInput input) {
        return new StartExportPayload(ExportJobView.of(exports.start(input)));
    }

    @MutationMapping
    public CancelExportPayload cancelExport(@Argument CancelExportInput input) {
        return new CancelExportPayload(ExportJobView.of(exports.cancel(input)));
    }

    @QueryMapping
    public ExportJobView exportJob(@Argument String id) {
        return ExportJobView.of(exports.job(id));
    }

    @QueryMapping
    public List<ExportJobView> exportJobs(@Argument Integer first) {
        return exports.jobs(first).stream().map(ExportJobView::of).toList();
    }
}
