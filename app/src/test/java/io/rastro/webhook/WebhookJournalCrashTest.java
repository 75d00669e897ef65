package io.rastro.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.rastro.ChildService.HTTP;
import static io.rastro.ChildService.awaitUp;
import static io.rastro.ChildService.freePort;
import static io.rastro.ChildService.start;
import static io.rastro.ChildService.stop;
import static io.rastro.ChildService.totalCount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 means stored, even when the answer came from the journal alone: the service runs as a child process with
 * an apply once an hour, takes signed status webhooks (each answered 200, each in the journal and nowhere else yet)
 * and is killed with -9. Started again on the same directory, it stores what the journal held in the inbox and applies
 * it: every message is in the report, and the journal is empty.
 */
class WebhookJournalCrashTest {

    static final String SECRET = "crash-test-secret";
    static final int BODIES = 40;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

    @Test
    void bodiesAnsweredBeforeAKillMinus9AreAppliedAtTheNextStart(@TempDir Path dir) throws Exception {
        var port = freePort();
        var journal = dir.resolve("data").resolve("webhook-journal");
        var first = start(dir, port, "first.log", "--rastro.whatsapp.app-secrets=" + SECRET,
                "--rastro.whatsapp.apply-interval=1h");
        try {
            awaitUp(port, first);
            // the first apply runs at once, the next an hour later: once the first is in, what follows is journaled only
            assertThat(post(port, "warm-up")).isEqualTo(200);
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(port, "crash-" + run + "-warm-up") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(count(port, "crash-" + run + "-warm-up")).as("the first apply").isEqualTo(1);
            for (int i = 0; i < BODIES; i++) {
                assertThat(post(port, "m" + i)).isEqualTo(200);
            }
            assertThat(count(port, "crash-" + run)).as("answered, not yet applied").isZero();
            assertThat(journaled(journal)).as("every answered body is on disk").isEqualTo(BODIES);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        var second = start(dir, port, "second.log", "--rastro.whatsapp.app-secrets=" + SECRET);
        try {
            awaitUp(port, second);
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (count(port, "crash-" + run) < BODIES && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(count(port, "crash-" + run)).as("every body answered before the kill").isEqualTo(BODIES);
            assertThat(Files.readString(dir.resolve("second.log")))
                    .contains("Stored " + BODIES + " webhook bodies that stopped instances had journaled");
            assertThat(journaled(journal)).as("released once in the inbox").isZero();
        } finally {
            stop(second);
        }
    }

    /** A signed status webhook for Acme Marketing's demo number, creating a message with this correlation id. */
    int post(int port, String name) throws Exception {
        var id = "wamid.JOURNAL-" + run + "-" + name;
        var correlation = name.equals("warm-up") ? "crash-" + run + "-warm-up" : "crash-" + run;
        var body = ("""
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"551140000001",\
                "phone_number_id":"%s"},"statuses":[{"id":"%s","status":"delivered","timestamp":"%d",\
                "recipient_id":"5511912345678","biz_opaque_callback_data":"%s"}]},"field":"messages"}]}]}""")
                .formatted(DemoNumbers.ACME.wabaId(), DemoNumbers.ACME.phoneNumberId(), id, at.getEpochSecond(),
                        correlation).getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + WebhookServlet.PATH))
                        .header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, body))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Bodies of this run the journal's segments hold (each names its id once). */
    long journaled(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(journal)) {
            var marker = "wamid.JOURNAL-" + run + "-m";
            long n = 0;
            for (var file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                var text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Acme's messages with this correlation id, as the report counts them. */
    long count(int port, String correlationId) throws Exception {
        return totalCount(port, Map.of("period", Map.of("from", at.minusSeconds(60).toString(),
                "to", at.plus(1, ChronoUnit.HOURS).toString()), "correlationId", correlationId));
    }
}
