package io.rastro.bench;

import io.rastro.IntegrationTest;
import io.rastro.report.FilterValidator;
import io.rastro.report.ReportQueries;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark harness working: runs every workload with tiny parameters against the shared test context
 * (its server, its Store, its demo data: one JVM may use one data directory only) and checks that the table and
 * the JSON came out with every workload in them. Timings are not asserted: this machine is not a benchmark.
 */
@IntegrationTest
class BenchSmokeTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ReportQueries queries;
    @Autowired
    FilterValidator validator;
    @Autowired
    io.rastro.export.job.ExportQueries exportQueries;
    @Autowired
    io.rastro.export.job.ExportFiles exportFiles;
    @Autowired
    io.rastro.report.Directory directory;

    @Test
    void theHarnessRunsEveryWorkloadAndWritesTheTableAndTheJson() throws Exception {
        var out = Path.of("target", "bench-smoke");
        var config = BenchConfig.parse("--size=200k", "--warmup=1", "--warmup-seconds=0", "--reps=3", "--deep-pages=5", "--clients=4",
                "--duration=5", "--ingest-size=5k", "--out=" + out, "--postgres=auto");
        var target = new BenchTarget(URI.create("http://127.0.0.1:" + port), store, queries, validator,
                exportQueries, directory, exportFiles.dir());
        // the current rows (FINAL: one per message) the peer must hold, counted before the ingestion workloads add more
        var currentRows = store.query(io.rastro.store.Sql.of("SELECT count() AS c FROM rastro.messages FINAL WHERE account_id != {i:String}")
                .bind("i", Dataset.INGEST_TENANT), r -> r.getLong("c")).getFirst();
        var report = Bench.run(config, target, Map.of("summary", "the shared test context's demo data"),
                System.out::println);
        var md = report.write(out);

        var ids = Bench.workloads().stream().map(Workload::id).toList();
        assertThat(report.results()).extracting(WorkloadResult::id).containsExactlyElementsOf(ids);
        assertThat(report.results()).noneMatch(WorkloadResult::hasFailed);
        assertThat(report.results()).allSatisfy(r -> assertThat(r.notes() == null ? "" : r.notes())
                .as("workload %s", r.id()).doesNotContain("MISMATCH"));
        for (var id : BenchReport.REPORT_QUERIES) {
            var r = report.result(id);
            assertThat(r.rastro().n()).as("workload %s", id).isEqualTo(3);
            assertThat(r.raw().n()).as("workload %s", id).isEqualTo(3);
        }
        var paint = report.result("3-paint");
        assertThat(paint.rastro().n()).isEqualTo(3);
        assertThat(paint.extra().get("answer")).as("the same total as workload 3").isNotNull()
                .isEqualTo(report.result("3").extra().get("answer"));
        assertThat(Documents.columns(Documents.FIRST_PAINT)).hasSize(15); // ten fields; a contact is four columns
        assertThat(Documents.columns(Documents.PAGE)).hasSizeLessThan(io.rastro.report.MessageColumns.ALL.size());
        assertThat(report.result("7").extra().get("page")).isEqualTo(5);
        var floor = report.result("floor-engine");
        assertThat(floor.raw().n()).isEqualTo(3);
        assertThat(((Number) floor.extra().get("rows")).longValue()).as("the phone's rows").isPositive();
        assertThat(floor.extra()).containsKeys("lookupKeysMedianMs", "rowsByKeyIdOnlyMedianMs", "rowsByKeyPageColumnsMedianMs");
        var shape = report.result("floor-shape");
        assertThat(shape.raw().n()).isEqualTo(3);
        assertThat(((Number) shape.extra().get("rows")).longValue()).as("the phone's page").isPositive();
        assertThat(((Number) shape.extra().get("copyRows")).longValue()).isPositive();
        assertThat(shape.extra()).containsKeys("firstPaintMedianMs", "idOnlyMedianMs", "allColumnsGranule1024MedianMs",
                "firstPaintGranule1024MedianMs");
        assertThat(store.query(io.rastro.store.Sql.of("SELECT count() AS c FROM system.tables"
                + " WHERE database = 'bench' AND name = 'messages_g1024'"), r -> r.getLong("c")))
                .as("the copy is dropped").containsExactly(0L);
        assertThat(((Number) report.result("11").extra().get("errors")).longValue()).isZero();
        assertThat(((Number) report.result("10-fast").extra().get("messagesWritten")).longValue()).isPositive();
        assertThat(((Number) report.result("10-http").extra().get("events")).longValue()).isEqualTo(5_000);
        assertThat(((Number) report.result("12-webhook").extra().get("errors")).longValue()).isZero();
        assertThat(((Number) report.result("12-webhook").extra().get("requests")).longValue()).isPositive();
        @SuppressWarnings("unchecked")
        var exports = (Map<String, Map<String, Object>>) report.result("9").extra().get("formats");
        assertThat(exports).containsOnlyKeys("CSV", "XLSX", "PDF", "PARQUET");
        assertThat(((Number) exports.get("CSV").get("bareRawRowsPerSecond")).longValue()).isPositive();
        assertThat(exports.values()).allSatisfy(f -> {
            assertThat(((Number) f.get("rows")).longValue()).isPositive();
            assertThat(((Number) f.get("bytes")).longValue()).isPositive();
        });

        if (PostgresServer.installed().isPresent()) {
            // where the binaries are installed, the peer runs and answers every report workload with the same rows
            for (var id : List.of("1", "2", "3", "4", "5", "6", "7", "8", "id")) {
                assertThat(PostgresFigures.stat(report.result(id), "n")).as("PostgreSQL side of %s", id).isEqualTo(3.0);
            }
            assertThat(report.result("11").extra()).containsKey("postgresRun");
            assertThat(((Number) exports.get("CSV").get("postgresCopyRows")).longValue())
                    .isEqualTo(((Number) exports.get("CSV").get("rows")).longValue());
            assertThat(Files.readString(md)).contains("## Rastro and PostgreSQL, side by side");
            @SuppressWarnings("unchecked")
            var facts = (Map<String, Object>) report.machine().get("postgres");
            assertThat(((Number) facts.get("messages")).longValue()).isEqualTo(currentRows);
            assertThat(Path.of((String) facts.get("directory"))).as("stopped, and its directory deleted").doesNotExist();
        }
        var table = Files.readString(md);
        for (var id : ids) {
            assertThat(table).contains("| " + id + " | ");
        }
        assertThat(table).contains("## Targets");
        var json = JsonMapper.shared().readTree(Files.readString(md.resolveSibling(report.baseName() + ".json")));
        assertThat(json.path("workloads").size()).isEqualTo(ids.size());
        assertThat(json.path("machine").path("engine").asString()).contains("chDB");
        assertThat(json.path("dataset").path("messages").asLong()).isPositive();
    }
}
