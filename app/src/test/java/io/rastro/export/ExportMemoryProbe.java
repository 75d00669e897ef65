package io.rastro.export;

import io.rastro.RastroProperties;
import io.rastro.demo.DemoGenerator;
import io.rastro.demo.DemoIdentities;
import io.rastro.export.csv.CsvExportWriter;
import io.rastro.export.job.ExportQueries;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.ReportFilter;
import io.rastro.report.ReportQueries;
import io.rastro.security.TenantScope;
import io.rastro.store.Migrator;
import io.rastro.store.chdb.ChdbStore;

import java.io.BufferedOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Run in its own JVM with a small heap by {@link ExportMemoryTest}: generates ~200k messages in a fresh engine
 * and exports all of them, every column, to a CSV file larger than the heap. Exits 0 and prints the counts when
 * the file is complete; a writer that kept rows in memory dies with OutOfMemoryError instead.
 */
public final class ExportMemoryProbe {

    private ExportMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        var library = Path.of(args[0]);
        var dataDir = Path.of(args[1]);
        var out = Path.of(args[2]);
        try (var store = new ChdbStore(library, dataDir, 2, List.of(), 60_000)) {
            new Migrator(store).migrate();
            var now = Instant.now();
            var tenant = DemoIdentities.TENANTS.getFirst();
            new DemoGenerator(store).generate(new DemoGenerator.Plan(180_000, 11, 30, now,
                    List.of(new DemoGenerator.TenantShare(tenant, 1000))));
            var filter = new ReportFilter(now.minus(Duration.ofDays(31)), now.plusSeconds(1), Map.of());
            var queries = new ExportQueries(new ReportQueries(properties()));
            var columns = ExportColumn.defaults(null);
            var sql = queries.rows(filter, TenantScope.wholeAccount(tenant.id()), MessageSort.NEWEST_FIRST,
                    Instant.now(), columns, ExportQueries.Cells.CSV, null, Map.of("acme-sales", "Sales"),
                    ZoneId.of("America/Sao_Paulo"));
            var context = new ExportContext(store, sql, List.of(sql), columns, ExportLocale.EN, ZoneId.of("America/Sao_Paulo"), false,
                    null, Progress.none(),
                new ExportContext.Snapshot(java.time.Instant.EPOCH, java.time.Instant.EPOCH));
            long rows;
            var started = System.nanoTime();
            try (var file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                rows = new CsvExportWriter().write(context, file);
            }
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.println("ROWS " + rows + " BYTES " + Files.size(out) + " MAXHEAP " + heap.getMax()
                    + " MS " + (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static RastroProperties properties() {
        return new RastroProperties(Path.of("data"), null, null, null,
                new RastroProperties.Report(Duration.ofDays(93), 50, 500, 30, 0, 10000, 20, 4, Duration.ofSeconds(10), 6, 2,
                        Duration.ofSeconds(20)), null, null, null,
                null);
    }
}
