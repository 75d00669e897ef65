package io.rastro.export;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.export.job.ExportFiles;
import io.rastro.export.job.ExportFollows;
import io.rastro.export.job.ExportJob;
import io.rastro.export.job.ExportJobStore;
import io.rastro.export.job.ExportJobView;
import io.rastro.export.job.ExportStatus;
import io.rastro.report.Enums.MessageSort;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.rastro.export.ExportTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Downloads that follow a running CSV export ({@code GET /api/v1/exports/{id}/file?follow=true}), over real
 * HTTP: the bytes arrive while the job writes them and end when it is DONE; a job that ends without its file
 * breaks the response off; and what cannot be followed, or too many follows, are clear errors. Most cases drive
 * a job stored as another instance would run it (its file written here), so that each step is certain.
 */
@IntegrationTest
class ExportFollowTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ExportFiles files;
    @Autowired
    ExportJobStore jobStore;
    @Autowired
    ExportFollows follows;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A job of Ana's, RUNNING, as another instance would store it while it writes the file. */
    private ExportJob running(ExportFormat format) {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var id = "exp_" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
        var request = new ExportJob.Request(id, DemoIdentities.ACME, DemoIdentities.ANA, format,
                now.minus(1, ChronoUnit.DAYS), now, "UTC", ExportLocale.EN, MessageSort.NEWEST_FIRST,
                List.of(ExportColumn.MESSAGE_ID), now, now, now);
        var job = new ExportJob(request, new ExportJob.State(ExportStatus.RUNNING, 3L, 3L, 0, 0, null, null, now,
                null, null));
        jobStore.save(job);
        return job;
    }

    private HttpResponse<InputStream> follow(String user, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + ExportJobView.downloadUrl(id) + "?follow=true"))
                .header("Authorization", Clients.basic(user)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        var bytes = in.readNBytes(n);
        assertThat(bytes).hasSize(n);
        return bytes;
    }

    @Test
    void aFollowedDownloadSendsEachPartAsItIsWrittenAndEndsWhenTheJobIsDone() throws Exception {
        var job = running(ExportFormat.CSV);
        var partial = files.preparePartial(job);
        var first = "Message ID\r\nwamid.1\r\n".getBytes(StandardCharsets.UTF_8);
        Files.write(partial, first);
        var response = follow(DemoIdentities.ANA, job.id());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains(".csv"));
        try (var body = response.body()) {
            // the first part arrives while the job still runs
            assertThat(readExactly(body, first.length)).isEqualTo(first);
            var second = "wamid.2\r\nwamid.3\r\n".getBytes(StandardCharsets.UTF_8);
            Files.write(partial, second, StandardOpenOption.APPEND);
            assertThat(readExactly(body, second.length)).isEqualTo(second);
            // publish as the runner does: the file under its final name first, then the job DONE with its size
            var size = Files.size(partial);
            Files.move(partial, files.done(job));
            jobStore.save(job.done(3, size, Instant.now(), Instant.now().plus(1, ChronoUnit.HOURS)));
            assertThat(body.readAllBytes()).as("nothing after the last byte").isEmpty();
        }
        // the same file, followed once DONE, is the ordinary download
        var again = follow(DemoIdentities.ANA, job.id());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValueAsLong("Content-Length")).hasValue(Files.size(files.done(job)));
        try (var body = again.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("Message ID\r\nwamid.1\r\nwamid.2\r\nwamid.3\r\n");
        }
        // the follow gives its place back once its response has ended, which the client may see first
        ExportJobsTest.awaitTrue(() -> follows.inUse() == 0);
    }

    @Test
    void aJobThatFailsWhileFollowedBreaksTheResponseOffInsteadOfEndingIt() throws Exception {
        var job = running(ExportFormat.CSV);
        var partial = files.preparePartial(job);
        Files.writeString(partial, "Message ID\r\nwamid.1\r\n");
        var response = follow(DemoIdentities.ANA, job.id());
        assertThat(response.statusCode()).isEqualTo(200);
        try (var body = response.body()) {
            readExactly(body, "Message ID\r\nwamid.1\r\n".length());
            Files.delete(partial);
            jobStore.save(job.ended(ExportStatus.FAILED, "The engine failed while reading the rows.", Instant.now()));
            // a client must not take the cut file for a whole one: reading on fails instead of ending
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
        ExportJobsTest.awaitTrue(() -> follows.inUse() == 0);
    }

    @Test
    void aRealExportFollowedFromItsStartIsByteForByteTheFileItWrites() throws Exception {
        ensureBulkTenant(store);
        var ops = Clients.as(port, BULK_ADMIN);
        var started = start(ops, input("filter", Map.of("period", lastDays(21)), "format", "CSV"));
        var id = (String) started.get("id");
        var response = follow(BULK_ADMIN, id);
        assertThat(response.statusCode()).isEqualTo(200);
        var followed = new ByteArrayOutputStream();
        try (var body = response.body()) {
            body.transferTo(followed);
        }
        var done = awaitEnd(ops, id);
        assertThat(done.get("status")).isEqualTo("DONE");
        assertThat((long) followed.size()).isEqualTo(((Number) done.get("bytes")).longValue());
        assertThat(followed.toByteArray()).isEqualTo(Files.readAllBytes(files.done(jobStore.find(BULK, id).orElseThrow())));
        assertThat(new String(followed.toByteArray(), StandardCharsets.UTF_8).split("\r\n", -1))
                .hasSize(((Number) done.get("rowsWritten")).intValue() + 2); // the header, and the empty end
    }

    @Test
    void whatCannotBeFollowedIsAClearErrorNamingTheField() throws Exception {
        // a zip (XLSX) is readable only once whole
        var xlsx = running(ExportFormat.XLSX);
        var refused = follow(DemoIdentities.ANA, xlsx.id());
        assertThat(refused.statusCode()).isEqualTo(409);
        var error = JsonMapper.shared().readTree(refused.body().readAllBytes());
        assertThat(error.path("field").asString()).isEqualTo("follow");
        assertThat(error.path("message").asString()).contains("Only CSV exports can be followed", "XLSX");

        // another account's job is not found, as without follow; its owner's colleague without admin rights neither
        var csv = running(ExportFormat.CSV);
        assertThat(follow(DemoIdentities.BRUNO, csv.id()).statusCode()).isEqualTo(404);

        // a range of a file still being written
        var ranged = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + ExportJobView.downloadUrl(csv.id()) + "?follow=true"))
                .header("Authorization", Clients.basic(DemoIdentities.ANA)).header("Range", "bytes=0-9").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ranged.statusCode()).isEqualTo(400);
        assertThat(JsonMapper.shared().readTree(ranged.body()).path("field").asString()).isEqualTo("follow");

        // the account's follows are all taken: the limit is named; nothing was held by the refusals
        var places = new java.util.ArrayList<ExportFollows.Place>();
        try {
            for (int i = 0; i < 4; i++) {
                places.add(follows.acquire(DemoIdentities.ACME));
            }
            files.preparePartial(csv);
            var busy = follow(DemoIdentities.ANA, csv.id());
            assertThat(busy.statusCode()).isEqualTo(429);
            var body = JsonMapper.shared().readTree(busy.body().readAllBytes());
            assertThat(body.path("field").asString()).isEqualTo("follow");
            assertThat(body.path("message").asString()).contains("rastro.export.max-follows-per-account = 4");
        } finally {
            places.forEach(ExportFollows.Place::close);
        }
        assertThat(follows.inUse()).isZero();
        jobStore.save(csv.ended(ExportStatus.CANCELLED, "Cancelled by the test.", Instant.now()));
        jobStore.save(xlsx.ended(ExportStatus.CANCELLED, "Cancelled by the test.", Instant.now()));
    }
}
