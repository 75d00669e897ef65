package io.rastro.ingest;

import io.rastro.Clients;
import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.rastro.ChildService.HTTP;
import static io.rastro.ChildService.awaitUp;
import static io.rastro.ChildService.freePort;
import static io.rastro.ChildService.start;
import static io.rastro.ChildService.stop;
import static io.rastro.ChildService.totalCount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real kill -9 in the middle of a batch: the service runs as a child process on a data directory of its own,
 * with a recompute of one message per statement so that the kill can land after the batch's rows are stored and
 * before its messages are all recomputed (seen from outside: some of them still ACCEPTED). Started again on the
 * same directory, the service finishes the batch by itself: every message DELIVERED, as its history says.
 */
class IngestCrashRepairTest {

    static final int MESSAGES = 2000;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

    @Test
    void aBatchCutShortByKillMinus9IsFinishedAtTheNextStart(@TempDir Path dir) throws Exception {
        var port = freePort();
        var first = start(dir, port, "first.log", "--rastro.ingest.recompute-chunk=1");
        try {
            awaitUp(port, first);
            var post = CompletableFuture.supplyAsync(() -> postBatch(port));
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long accepted = 0;
            while (System.nanoTime() < deadline && !post.isDone()) {
                accepted = count(port, "ACCEPTED");
                if (accepted > 0) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(post.isDone()).as("the batch must still be running when it is killed").isFalse();
            assertThat(accepted).as("stored but not yet recomputed").isPositive();
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        var second = start(dir, port, "second.log");
        try {
            awaitUp(port, second);
            var log = dir.resolve("second.log");
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && !Files.readString(log).contains("Ingest repair: 1 batch(es)")) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).contains("Ingest repair: 1 batch(es) cut short by an earlier stop");
            assertThat(count(port, "ACCEPTED")).as("none left behind").isZero();
            assertThat(count(port, "DELIVERED")).as("every stored message of the batch").isEqualTo(MESSAGES);
        } finally {
            stop(second);
        }
    }

    /** MT messages with a DELIVERED status each, in one batch; the answer, or null when the process died. */
    Integer postBatch(int port) {
        var body = new StringBuilder();
        for (int i = 0; i < MESSAGES; i++) {
            var id = "wamid.CRASH-" + run + "-" + i;
            var sent = at.plusMillis(i);
            body.append("""
                    {"type":"mt","id":"%s","at":"%s","subaccount":"acme-marketing","contentType":"TEXT","text":"Oi",\
                    "contact":{"phone":"+55 11 95555-%04d"},"sentWithSession":true,"correlationId":"crash-%s"}
                    {"type":"status","id":"%s","status":"DELIVERED","at":"%s"}
                    """.formatted(id, sent, i, run, id, sent.plusSeconds(3)));
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                    .header("Authorization", Clients.bearer(DemoIdentities.ACME_INGEST_TOKEN))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    /** The batch's messages now in this status, as the report counts them. */
    long count(int port, String status) throws Exception {
        return totalCount(port, Map.of("period", Map.of("from", at.minusSeconds(60).toString(),
                        "to", at.plus(1, ChronoUnit.HOURS).toString()), "correlationId", "crash-" + run,
                "statuses", List.of(status)));
    }
}
