package io.rastro.ingest;

import io.rastro.IntegrationTest;
import io.rastro.store.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.rastro.ingest.IngestFixtures.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100,000-line batch streams from a file through the endpoint and is stored and applied completely; replays of
 * a batch larger than one stored-message lookup chunk (several lookups overlap with parsing) write nothing again.
 */
@IntegrationTest
class IngestLargeBatchTest extends IngestTestBase {

    long count(String sql, String prefix) {
        return store.query(Sql.of(sql).bind("a", ACCOUNT).bind("p", prefix), r -> r.getLong("c")).getFirst();
    }

    @Test
    void aHundredThousandLinesAreAllStored(@TempDir Path dir) throws Exception {
        var prefix = IngestFixtures.RUN + "-BIG";
        var plan = new EventStreamGenerator.Plan(2026, prefix, List.of(IngestFixtures.SALES, IngestFixtures.SUPPORT),
                Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(2));
        var file = dir.resolve("events.ndjson");
        EventStreamGenerator.Counts counts;
        try (var out = new BufferedOutputStream(Files.newOutputStream(file))) {
            counts = EventStreamGenerator.write(plan, 100_000, out);
        }
        assertThat(counts.lines()).isEqualTo(100_000);

        var started = System.nanoTime();
        var response = post(file);
        var millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("100,000 lines (%d MB) ingested in %d ms%n", Files.size(file) >> 20, millis);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        assertThat(response.body().get("accepted").asLong()).isEqualTo(100_000);

        var where = " WHERE account_id = {a:String} AND startsWith(message_id, {p:String})";
        assertThat(count("SELECT count() AS c FROM rastro.messages FINAL" + where, prefix))
                .isEqualTo(counts.sent() + counts.received());
        assertThat(count("SELECT uniqExact(message_id) AS c FROM rastro.messages FINAL" + where, prefix))
                .isEqualTo(counts.sent() + counts.received());
        assertThat(count("SELECT count() AS c FROM rastro.messages FINAL" + where + " AND direction = 'MO'", prefix))
                .isEqualTo(counts.received());
        // the generator never repeats a step, so every status line and every MT's ACCEPTED step is one row
        assertThat(count("SELECT count() AS c FROM rastro.status_events FINAL" + where, prefix))
                .isEqualTo(counts.statuses() + counts.sent());
        // every MT got at least its SENT status applied (only the batch's very last message may be cut short)
        assertThat(count("SELECT count() AS c FROM rastro.messages FINAL" + where + " AND status = 'ACCEPTED'", prefix))
                .isLessThanOrEqualTo(1);
        assertThat(count("SELECT count() AS c FROM rastro.messages FINAL" + where + " AND status = 'READ'", prefix))
                .isGreaterThan(counts.sent() / 3);
        assertThat(count("SELECT count() AS c FROM rastro.messages FINAL" + where
                + " AND status = 'FAILED' AND (error_code = 0 OR failed_at IS NULL)", prefix)).isZero();
        assertThat(count("SELECT count() AS c FROM rastro.messages FINAL" + where
                + " AND status = 'FAILED'", prefix)).isPositive();
        assertThat(millis).as("kept fast").isLessThan(120_000);
    }

    @Test
    void replaysAcrossLookupChunksWriteNothingAgainAndConflictsAreNamedByLine(@TempDir Path dir) throws Exception {
        var prefix = IngestFixtures.RUN + "-REPLAY";
        var plan = new EventStreamGenerator.Plan(2027, prefix, List.of(IngestFixtures.SALES),
                Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(1));
        var file = dir.resolve("events.ndjson");
        EventStreamGenerator.Counts counts;
        try (var out = new BufferedOutputStream(Files.newOutputStream(file))) {
            counts = EventStreamGenerator.write(plan, 60_000, out);
        }
        assertThat(counts.sent() + counts.received()).as("more than three lookup chunks of 5,000").isGreaterThan(15_000);
        assertThat(post(file).status()).isEqualTo(200);
        var where = " WHERE account_id = {a:String} AND startsWith(message_id, {p:String})";
        var messages = "SELECT count() AS c FROM rastro.messages FINAL" + where;
        assertThat(count(messages, prefix)).isEqualTo(counts.sent() + counts.received());
        var statuses = count("SELECT count() AS c FROM rastro.status_events FINAL" + where, prefix);

        // the same MTs moved by a second, in the first and the last chunk: both named, nothing written
        var lines = Files.readAllLines(file);
        var mtLines = new java.util.ArrayList<Integer>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"mt\"")) {
                mtLines.add(i);
            }
        }
        var moved = List.of(mtLines.get(10), mtLines.get(mtLines.size() - 10));
        for (var i : moved) {
            var event = (tools.jackson.databind.node.ObjectNode) JsonMapper.shared().readTree(lines.get(i));
            event.put("at", Instant.parse(event.get("at").asString()).plusSeconds(1).toString());
            lines.set(i, event.toString());
        }
        var conflicting = dir.resolve("conflicting.ndjson");
        Files.write(conflicting, lines);
        var refused = post(conflicting);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(IngestValidationTest.linesAndFields(refused.body()))
                .containsExactly((moved.get(0) + 1) + ":at", (moved.get(1) + 1) + ":at");

        // the exact replay is accepted and writes no message row again: with merges held, a rewritten first row
        // (version 0, this batch's ingested_at) would still be there to count
        var replayedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        store.execute(Sql.of("SYSTEM STOP MERGES rastro.messages"));
        try {
            assertThat(post(file).status()).isEqualTo(200);
            assertThat(store.query(Sql.of("SELECT count() AS c FROM rastro.messages" + where
                            + " AND version = 0 AND ingested_at >= {t:DateTime64(3, 'UTC')}").bind("a", ACCOUNT)
                    .bind("p", prefix).bind("t", replayedAt), r -> r.getLong("c")).getFirst()).isZero();
        } finally {
            store.execute(Sql.of("SYSTEM START MERGES rastro.messages"));
        }
        assertThat(count(messages, prefix)).isEqualTo(counts.sent() + counts.received());
        assertThat(count("SELECT count() AS c FROM rastro.status_events FINAL" + where, prefix))
                .as("replayed steps collapse into the stored ones").isEqualTo(statuses);
    }

    IngestFixtures.Response post(Path file) {
        return RestClient.create("http://localhost:" + port).post().uri("/api/v1/events")
                .header("Authorization", "Bearer " + IngestFixtures.INGEST_TOKEN)
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(new FileSystemResource(file))
                .exchange((req, res) -> new IngestFixtures.Response(res.getStatusCode().value(),
                        JsonMapper.shared().readTree(res.getBody().readAllBytes())));
    }
}
