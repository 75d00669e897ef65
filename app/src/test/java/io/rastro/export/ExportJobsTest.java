package io.rastro.export;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.export.job.ExportFiles;
import io.rastro.export.job.ExportJob;
import io.rastro.export.job.ExportJobStore;
import io.rastro.export.job.ExportJobView;
import io.rastro.export.job.ExportMaintenance;
import io.rastro.export.job.ExportRequests.StartExportInput;
import io.rastro.export.job.ExportService;
import io.rastro.export.job.ExportSlots;
import io.rastro.export.job.ExportStatus;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.MessageFilterInput;
import io.rastro.security.ApiTokens;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.rastro.export.ExportTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The job lifecycle over real HTTP: who sees what, downloads, caps, cancel, failure, expiry and restarts. */
@IntegrationTest
class ExportJobsTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ExportSlots slots;
    @Autowired
    ExportMaintenance maintenance;
    @Autowired
    ExportFiles files;
    @Autowired
    ExportJobStore jobStore;

    private Map<String, Object> smallCsv(GraphQlTester client) {
        return exportDone(client, input("filter", Map.of("period", lastDays(2), "subaccounts", List.of("acme-support")),
                "format", "CSV"));
    }

    private static void expectError(GraphQlTester.Response response, String code, String... fragments) {
        response.errors().expect(e -> {
            var text = e.getMessage() + " " + e.getExtensions();
            return Arrays.stream(fragments).allMatch(text::contains)
                    && (code.equals(e.getExtensions().get("code")) || code.equals(String.valueOf(e.getErrorType())));
        }).verify();
    }

    @Test
    void onlyTheOwnerAndTheAccountAdminSeeDownloadOrCancelAJob() throws Exception {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var job = smallCsv(ana);
        var id = (String) job.get("id");
        var url = (String) job.get("downloadUrl");
        for (var outsider : List.of(DemoIdentities.BRUNO, DemoIdentities.CARLA)) {
            var client = Clients.as(port, outsider);
            expectError(client.documentName("exportJob").variable("id", id).execute(), "NOT_FOUND", id);
            expectError(client.documentName("cancelExport").variable("input", Map.of("id", id)).execute(), "NOT_FOUND");
            var denied = download(port, Clients.basic(outsider), url);
            assertThat(denied.status()).isEqualTo(404);
            assertThat(denied.text()).contains("\"error\":\"NOT_FOUND\"").doesNotContain("acme").doesNotContain("Exception");
            assertThat(client.documentName("exportJobs").execute().path("exportJobs[*].id").entityList(String.class).get())
                    .doesNotContain(id);
        }
        // Carla's own job: hers and her admin's to see, within her scope only.
        var carla = Clients.as(port, DemoIdentities.CARLA);
        expectError(carla.documentName("startExport").variable("input", input("filter",
                Map.of("period", lastDays(2), "subaccounts", List.of("acme-sales")), "format", "CSV")).execute(),
                "FORBIDDEN", "acme-sales");
        var carlasJob = exportDone(carla, input("filter", Map.of("period", lastDays(2)), "format", "CSV",
                "columns", List.of("SUBACCOUNT_ID")));
        var cells = ExportCsvTest.parse(download(port, Clients.basic(DemoIdentities.CARLA),
                (String) carlasJob.get("downloadUrl")).text()).stream().skip(1).map(r -> r.get(0)).distinct().toList();
        assertThat(cells).containsExactly("acme-support");
        assertThat(job(ana, (String) carlasJob.get("id")).get("owner")).isEqualTo(DemoIdentities.CARLA);
        assertThat(download(port, Clients.basic(DemoIdentities.ANA), (String) carlasJob.get("downloadUrl")).status())
                .isEqualTo(200);
        assertThat(ana.documentName("exportJobs").variable("first", 100).execute().path("exportJobs[*].id")
                .entityList(String.class).get()).contains(id, (String) carlasJob.get("id"));
        assertThat(carla.documentName("exportJobs").execute().path("exportJobs[*].owner").entityList(String.class).get())
                .containsOnly(DemoIdentities.CARLA);
    }

    @Autowired
    ApiTokens tokens;
    @Autowired
    ExportService exports;

    /**
     * Runs {@code work} as the principal a bearer token authenticates to. GraphQL over a bearer token needs the
     * security branch's fix (the context saved for the async dispatch), so the token's job is started through the
     * service with the token's own principal; its download goes over real HTTP with the bearer header.
     */
    private <T> T asToken(String bearer, java.util.function.Supplier<T> work) {
        var principal = tokens.authenticate(bearer).orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities()));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void theBiTokenExportsAndDownloadsAnonymousAndIngestionCallersCannot() throws InterruptedException {
        var to = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusDays(1);
        var request = new StartExportInput(MessageFilterInput.builder()
                .period(new MessageFilterInput.PeriodInput(to.minusDays(2), to)).build(), null, ExportFormat.PARQUET,
                null, null, null, null, null);
        var started = asToken(DemoIdentities.ACME_BI_TOKEN, () -> exports.start(request));
        assertThat(started.request().owner()).isEqualTo("acmebi00");
        awaitTrue(() -> jobStore.find(DemoIdentities.ACME, started.id()).orElseThrow().status() == ExportStatus.DONE);
        var url = ExportJobView.downloadUrl(started.id());
        var file = download(port, Clients.bearer(DemoIdentities.ACME_BI_TOKEN), url);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().getContentType().toString()).isEqualTo("application/vnd.apache.parquet");
        assertThat(new String(file.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        // A token's job is its own and its account admin's: a person who is not an admin cannot fetch it.
        assertThat(download(port, Clients.basic(DemoIdentities.CARLA), url).status()).isEqualTo(404);
        assertThat(download(port, Clients.basic(DemoIdentities.ANA), url).status()).isEqualTo(200);

        // Anonymous: refused before GraphQL runs (401; 403 from CSRF on a base without the security branch's
        // "anonymous POST answers 401" change), and the download answers 401.
        Clients.graphQl(port, null).documentName("startExport")
                .variable("input", input("filter", Map.of("period", lastDays(2)), "format", "CSV")).execute()
                .errors().expect(e -> e.getMessage().equals("HTTP 401") || e.getMessage().equals("HTTP 403")).verify()
                .path("startExport").pathDoesNotExist();
        assertThat(download(port, null, url).status()).isEqualTo(401);

        var refused = download(port, Clients.bearer(DemoIdentities.ACME_INGEST_TOKEN), url);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("\"error\":\"FORBIDDEN\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> asToken(DemoIdentities.ACME_INGEST_TOKEN,
                () -> exports.start(request))).isInstanceOf(AccessDeniedException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> asToken(DemoIdentities.ACME_INGEST_TOKEN,
                () -> exports.job(started.id()))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void rangeRequestsReturnTheRequestedBytes() {
        var job = smallCsv(Clients.as(port, DemoIdentities.ANA));
        var url = (String) job.get("downloadUrl");
        var full = download(port, Clients.basic(DemoIdentities.ANA), url);
        assertThat(full.headers().getFirst("Accept-Ranges")).isEqualTo("bytes");
        // a whole file goes out through the container's sendfile: the security headers must still be there
        assertThat(full.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(full.headers().getFirst("Cache-Control")).contains("no-store");
        var headers = new HttpHeaders();
        headers.set("Range", "bytes=10-99");
        var part = download(port, Clients.basic(DemoIdentities.ANA), url, headers, null);
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.headers().getFirst("Content-Range")).isEqualTo("bytes 10-99/" + full.body().length);
        assertThat(part.headers().getContentLength()).isEqualTo(90);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(full.body(), 10, 100));
        headers.set("Range", "bytes=-5");
        assertThat(download(port, Clients.basic(DemoIdentities.ANA), url, headers, null).body())
                .isEqualTo(Arrays.copyOfRange(full.body(), full.body().length - 5, full.body().length));
        // an unsatisfiable range is 416 with an empty body (it used to carry the whole file), saying the length
        for (var unsatisfiable : java.util.List.of("bytes=" + full.body().length + "-", "bytes=99999999-99999999")) {
            headers.set("Range", unsatisfiable);
            var refused = download(port, Clients.basic(DemoIdentities.ANA), url, headers, null);
            assertThat(refused.status()).as(unsatisfiable).isEqualTo(416);
            assertThat(refused.body() == null ? new byte[0] : refused.body()).as(unsatisfiable).isEmpty();
            assertThat(refused.headers().getFirst("Content-Range")).isEqualTo("bytes */" + full.body().length);
        }
    }

    @Test
    void capsOnConcurrentJobsAreClearErrorsNamingTheLimit() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var start = input("filter", Map.of("period", lastDays(2)), "format", "CSV");
        // The slots are the real ones; the test occupies them as two long exports would.
        slots.acquire(DemoIdentities.ACME);
        slots.acquire(DemoIdentities.ACME);
        try {
            expectError(ana.documentName("startExport").variable("input", start).execute(), "TOO_MANY_REQUESTS",
                    "rastro.export.max-concurrent-per-account = 2");
            // another account still has room
            exportDone(Clients.as(port, DemoIdentities.BRUNO), start);
        } finally {
            slots.release(DemoIdentities.ACME);
            slots.release(DemoIdentities.ACME);
        }
        for (int i = 0; i < 4; i++) {
            slots.acquire("other-" + i);
        }
        try {
            expectError(ana.documentName("startExport").variable("input", start).execute(), "TOO_MANY_REQUESTS",
                    "rastro.export.max-concurrent = 4");
        } finally {
            for (int i = 0; i < 4; i++) {
                slots.release("other-" + i);
            }
        }
        assertThat(exportDone(ana, start).get("status")).isEqualTo("DONE");
    }

    @Test
    void aCancelledExportEndsCancelledWithoutAFileAndFreesItsSlot() throws Exception {
        ensureBulkTenant(store);
        var ops = Clients.as(port, BULK_ADMIN);
        var started = start(ops, input("filter", Map.of("period", lastDays(21)), "format", "XLSX"));
        var id = (String) started.get("id");
        assertThat(started.get("status")).isIn("QUEUED", "RUNNING");
        // progress reaches the store while the job runs (about once a second), with the count it works towards
        awaitTrue(() -> ((Number) job(ops, id).get("rowsWritten")).longValue() > 0);
        var running = job(ops, id);
        assertThat(running.get("status")).isEqualTo("RUNNING");
        assertThat(((Number) running.get("rowsWritten")).longValue())
                .isLessThan(((Number) running.get("totalRows")).longValue());
        assertThat(((Number) running.get("totalRows")).longValue()).isGreaterThan(190_000);
        var cancelled = ops.documentName("cancelExport").variable("input", Map.of("id", id)).execute();
        cancelled.path("cancelExport.job.status").entity(String.class).isEqualTo("CANCELLED");
        cancelled.path("cancelExport.job.failure").entity(String.class).isEqualTo("Cancelled by " + BULK_ADMIN + ".");
        cancelled.path("cancelExport.job.downloadUrl").valueIsNull();
        var job = jobStore.find(BULK, id).orElseThrow();
        awaitTrue(() -> slots.inUse() == 0 && !Files.exists(files.partial(job)));
        // the XLSX writer's deflating thread ends with the job
        awaitTrue(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("xlsx-deflate")));
        assertThat(files.done(job)).doesNotExist();
        assertThat(job(ops, id).get("status")).isEqualTo("CANCELLED");
        assertThat(download(port, Clients.basic(BULK_ADMIN), ExportJobView.downloadUrl(id)).status()).isEqualTo(404);
        // cancelling again is harmless; cancelling a finished job is a conflict
        ops.documentName("cancelExport").variable("input", Map.of("id", id)).execute()
                .path("cancelExport.job.status").entity(String.class).isEqualTo("CANCELLED");
        var done = smallCsv(Clients.as(port, DemoIdentities.ANA));
        expectError(Clients.as(port, DemoIdentities.ANA).documentName("cancelExport")
                .variable("input", Map.of("id", done.get("id"))).execute(), "CONFLICT", "DONE");
    }

    @Test
    void aFailedExportEndsFailedWithAReasonAndLeavesNoFile() throws Exception {
        // A file where the account's export directory should be: writing fails as on a broken disk.
        var account = "failco";
        var user = "ops@fail.example";
        store.execute(Sql.of("INSERT INTO rastro.users (user_id, account_id, display_name, password_hash, role, "
                + "subaccounts, version) SELECT {u:String}, {a:String}, 'Fail Ops', {h:String}, 'ADMIN', [], 1")
                .bind("u", user).bind("a", account).bind("h", new BCryptPasswordEncoder().encode(DemoIdentities.PASSWORD)));
        Files.createDirectories(files.dir());
        Files.writeString(files.dir().resolve(account), "not a directory");
        try {
            var job = awaitEnd(Clients.as(port, user), (String) start(Clients.as(port, user),
                    input("filter", Map.of("period", lastDays(2)), "format", "CSV")).get("id"));
            assertThat(job.get("status")).isEqualTo("FAILED");
            assertThat(job.get("failure")).isEqualTo("The export file could not be written; the failure was logged.");
            assertThat(job.get("downloadUrl")).isNull();
            awaitTrue(() -> slots.inUse() == 0);
        } finally {
            Files.delete(files.dir().resolve(account));
        }
    }

    @Test
    void expiredFilesAreDeletedAndTheirJobsShowExpired() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var job = smallCsv(ana);
        var id = (String) job.get("id");
        var stored = jobStore.find(DemoIdentities.ACME, id).orElseThrow();
        var expiresAt = OffsetDateTime.parse((String) job.get("expiresAt")).toInstant();
        assertThat(Duration.between(OffsetDateTime.parse((String) job.get("finishedAt")).toInstant(), expiresAt))
                .isEqualTo(Duration.ofHours(24));
        assertThat(files.done(stored)).exists();
        maintenance.removeExpired(expiresAt.minusSeconds(1));
        assertThat(files.done(stored)).as("not yet expired").exists();
        assertThat(job(ana, id).get("status")).isEqualTo("DONE");
        assertThat(maintenance.removeExpired(expiresAt)).isPositive();
        assertThat(files.done(stored)).doesNotExist();
        var expired = job(ana, id);
        assertThat(expired.get("status")).isEqualTo("EXPIRED");
        assertThat(expired.get("downloadUrl")).isNull();
        var response = download(port, Clients.basic(DemoIdentities.ANA), (String) job.get("downloadUrl"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text()).contains("expired");
    }

    @Test
    void jobsLeftRunningByAPreviousProcessAreMarkedFailedAtStartup() throws Exception {
        var createdAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        var id = "exp_" + "0123456789abcdef01234567";
        var orphan = ExportTwoInstancesTest.orphan(id, createdAt);
        // the partial file first, then the job: the 10 s heartbeat also recovers, and may get there before this test
        var partial = files.preparePartial(orphan);
        Files.writeString(partial, "half a file");
        jobStore.save(orphan);
        maintenance.recoverInterrupted();
        assertThat(partial).doesNotExist();
        var job = job(Clients.as(port, DemoIdentities.ANA), id);
        assertThat(job.get("status")).isEqualTo("FAILED");
        assertThat(job.get("failure")).isEqualTo(ExportMaintenance.INTERRUPTED);
        assertThat(job.get("rowsWritten")).isEqualTo(400);
        assertThat(maintenance.recoverInterrupted()).as("only once").isZero();
    }

    @Test
    void badInputIsAClearErrorNamingTheField() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var before = ana.documentName("exportJobs").variable("first", 100).execute().path("exportJobs").entityList(Object.class).get().size();
        expectError(ana.documentName("startExport").variable("input", input("filter", Map.of("period", lastDays(2)),
                "format", "CSV", "timeZone", "Mars/Olympus")).execute(), "BAD_REQUEST", "input.timeZone", "Mars/Olympus");
        expectError(ana.documentName("startExport").variable("input", input("filter", Map.of("period", lastDays(2)),
                "format", "CSV", "columns", List.of("AT", "STATUS", "AT"))).execute(), "BAD_REQUEST", "input.columns", "AT");
        expectError(ana.documentName("startExport").variable("input", input("filter", Map.of("period", lastDays(2)),
                "format", "CSV", "columns", List.of())).execute(), "BAD_REQUEST", "input.columns");
        expectError(ana.documentName("startExport").variable("input", input("filter", Map.of("direction", "MT"),
                "format", "CSV")).execute(), "BAD_REQUEST", "input.filter.period");
        expectError(ana.documentName("startExport").variable("input", input("filter", Map.of("period", lastDays(200)),
                "format", "CSV")).execute(), "BAD_REQUEST", "input.filter.period", "93 days");
        expectError(ana.documentName("exportJob").variable("id", "../../etc/passwd").execute(), "NOT_FOUND");
        expectError(ana.documentName("exportJobs").variable("first", 0).execute(), "BAD_REQUEST", "first");
        var after = ana.documentName("exportJobs").variable("first", 100).execute().path("exportJobs").entityList(Object.class).get().size();
        assertThat(after).as("nothing half-created").isEqualTo(before);
        assertThat(download(port, Clients.basic(DemoIdentities.ANA), "/api/v1/exports/nope/file").status()).isEqualTo(404);
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
