package io.rastro.bench;

import io.rastro.export.job.ExportQueries;
import io.rastro.report.Directory;
import io.rastro.report.FilterValidator;
import io.rastro.report.ReportQueries;
import io.rastro.store.Store;

import java.net.URI;
import java.nio.file.Path;

/**
 * A running Rastro and the beans the raw baseline needs from the very same process: the {@link Store} (one
 * process per data directory, so the baseline must share the service's engine) and the app's own statement
 * builders, so the raw side runs exactly the SQL the service runs. {@code exportDir} is where the service writes
 * export files, so the exports workload can delete each file once downloaded (an account-month at 100M is GBs).
 */
public record BenchTarget(URI baseUrl, Store store, ReportQueries queries, FilterValidator validator,
                          ExportQueries exportQueries, Directory directory, Path exportDir) {
}
