package io.rastro.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IngestEventStreamGeneratorTest {

    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    static EventStreamGenerator.Plan plan(long seed) {
        return new EventStreamGenerator.Plan(seed, "wamid.GEN", List.of("acme-sales", "acme-support"), START,
                Duration.ofSeconds(5));
    }

    static byte[] generate(EventStreamGenerator.Plan plan, long lines) {
        var out = new ByteArrayOutputStream();
        EventStreamGenerator.write(plan, lines, out);
        return out.toByteArray();
    }

    @Test
    void theSameSeedWritesTheSameBytes() {
        assertThat(generate(plan(1), 3000)).isEqualTo(generate(plan(1), 3000));
        assertThat(generate(plan(1), 3000)).isNotEqualTo(generate(plan(2), 3000));
        var longer = new String(generate(plan(1), 3000), StandardCharsets.UTF_8);
        assertThat(longer).startsWith(new String(generate(plan(1), 1000), StandardCharsets.UTF_8));
    }

    @Test
    void everyLineIsAValidEventAndTheCountsAddUp() {
        var out = new ByteArrayOutputStream();
        var counts = EventStreamGenerator.write(plan(7), 20_000, out);
        assertThat(counts.lines()).isEqualTo(20_000);
        assertThat(counts.sent() + counts.statuses() + counts.received()).isEqualTo(20_000);
        var parser = new EventParser("acme", Set.of("acme-sales", "acme-support"), Instant.parse("2026-12-01T00:00:00Z"));
        long sent = 0, statuses = 0, received = 0, failed = 0, taps = 0, early = 0;
        var seenMt = new HashSet<String>();
        for (var line : new String(out.toByteArray(), StandardCharsets.UTF_8).split("\n")) {
            var bytes = line.getBytes(StandardCharsets.UTF_8);
            switch (parser.parse(bytes, 0, bytes.length)) {
                case Event.Sent s -> {
                    sent++;
                    seenMt.add(s.messageId());
                    assertThat(s.message().contactPhone()).matches("55[0-9]{11}");
                }
                case Event.StatusUpdate u -> {
                    statuses++;
                    failed += u.status().status().equals("FAILED") ? 1 : 0;
                    early += seenMt.contains(u.messageId()) ? 0 : 1;
                }
                case Event.Received r -> {
                    received++;
                    taps += r.message().buttonPayload().isEmpty() ? 0 : 1;
                    assertThat(seenMt).contains(r.message().replyToMessageId());
                }
            }
        }
        assertThat(List.of(sent, statuses, received)).containsExactly(counts.sent(), counts.statuses(), counts.received());
        assertThat(failed).as("about 10%% of messages fail").isBetween(sent / 20, sent / 6);
        assertThat(taps).isEqualTo(received).isPositive();
        assertThat(early).as("some statuses arrive before their MT").isPositive();
    }
}
