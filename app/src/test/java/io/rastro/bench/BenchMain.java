package io.rastro.bench;

import io.rastro.RastroApplication;
import io.rastro.demo.DemoIdentities;
import io.rastro.export.job.ExportFiles;
import io.rastro.export.job.ExportQueries;
import io.rastro.report.Directory;
import io.rastro.report.FilterValidator;
import io.rastro.report.ReportQueries;
import io.rastro.security.ApiTokens;
import io.rastro.store.Store;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.net.URI;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * The benchmark's entry point ({@code ./mvnw -B -pl app test-compile exec:exec@bench -Dbench.size=10M}, see the
 * README). Starts Rastro in this JVM on the benchmark's own data directory, so that the raw baseline runs on the
 * very same engine (one process per data directory: two processes could not share it), generates or reuses the
 * data set, runs every workload and writes {@code bench/results/<date>-<size>.md} and {@code .json}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        var config = BenchConfig.parse(args);
        Consumer<String> log = line -> System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        var dataDir = config.dataDir().toAbsolutePath().normalize();
        log.accept("Rastro benchmark: " + config.describe() + ", data in " + dataDir);
        // A result must be traceable to the code it measured: a commit, with nothing beside it.
        var clean = Machine.cleanTree();
        if (!Boolean.TRUE.equals(clean) && !config.allowDirty()) {
            System.err.println("The working tree has uncommitted changes (git status --porcelain): commit them first, "
                    + "or run with -Dbench.allowDirty=true (the results then record cleanTree=false).");
            System.exit(2);
        }
        // An explicit library wins, as it does for the build's fetch (scripts/fetch-chdb.sh).
        var library = System.getenv("RASTRO_CHDB_LIBRARY");
        if (library != null && !library.isBlank()) {
            System.setProperty("rastro.chdb.library", library);
        }
        // Command-line form: these must win over application.properties (rastro.data-dir=data there).
        var app = new SpringApplicationBuilder(RastroApplication.class).run(
                "--rastro.data-dir=" + dataDir,
                "--rastro.demo.enabled=false",
                "--rastro.whatsapp.app-secrets=" + WebhookHttp.SECRET,
                "--rastro.export.dir=" + dataDir.resolve("exports"),
                "--server.port=" + config.port(),
                // the concurrency workload's clients all sign in as one person; each stands for a caller of its own
                "--rastro.report.max-concurrent-per-caller=" + Math.max(4, config.clients()),
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN");
        boolean failed;
        try (app) {
            var store = app.getBean(Store.class);
            var generation = BenchData.prepare(store, config, log);
            DemoIdentities.seedIfMissing(store, app.getBean(ApiTokens.class));
            BenchData.settle(store, log);
            var port = app.getEnvironment().getProperty("local.server.port");
            var target = new BenchTarget(URI.create("http://127.0.0.1:" + port), store,
                    app.getBean(ReportQueries.class), app.getBean(FilterValidator.class),
                    app.getBean(ExportQueries.class), app.getBean(Directory.class),
                    app.getBean(ExportFiles.class).dir());
            var report = Bench.run(config, target, generation, log);
            var md = report.write(config.outDir());
            System.out.println();
            System.out.println(report.markdown());
            log.accept("Results: " + md.toAbsolutePath() + " and " + md.getFileName().toString().replace(".md", ".json"));
            failed = report.results().stream().anyMatch(WorkloadResult::hasFailed);
        }
        // The engine's and the HTTP client's threads must not keep a finished run alive.
        System.exit(failed ? 1 : 0);
    }
}
