package io.rastro.demo;

import io.rastro.TestEngine;
import io.rastro.store.Sql;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoGeneratorTest {

    @Test
    void generatesTheDocumentedMixDeterministically() {
        var store = TestEngine.store();
        store.execute(Sql.of("CREATE DATABASE IF NOT EXISTS gen_probe"));
        var plan = new DemoGenerator.Plan(20_000, 7, 90, Instant.parse("2026-11-01T00:00:00Z"),
                DemoGenerator.Plan.demoTenants());
        // generate twice into a clean table and compare fingerprints: same seed, same data
        var fingerprints = new java.util.ArrayList<List<Object>>();
        for (int run = 0; run < 2; run++) {
            store.execute(Sql.of("CREATE TABLE IF NOT EXISTS gen_probe.snapshot (fp UInt64, c UInt64) ENGINE = Memory"));
            var before = store.query(Sql.of("SELECT count() AS c FROM rastro.messages WHERE event_time < '2026-11-01 00:00:00' AND event_time >= '2026-08-03 00:00:00' AND account_id IN ('acme','globex') AND message_id LIKE 'wamid.HBg%'"), r -> r.getLong("c")).getFirst();
            var written = new DemoGenerator(store).generate(plan);
            assertThat(written).isGreaterThan(20_000);
            fingerprints.add(store.query(Sql.of("""
                    SELECT sum(cityHash64(message_id, status, contact_phone, event_time)) AS fp, count() AS c
                    FROM rastro.messages FINAL WHERE event_time >= '2026-08-03 00:00:00' AND event_time < '2026-11-01 00:00:00'
                    """), r -> List.<Object>of(r.getString("fp"), r.getLong("c"))).getFirst());
        }
        assertThat(fingerprints.get(0)).isEqualTo(fingerprints.get(1));
        var mix = store.query(Sql.of("""
                SELECT countIf(status = 'READ') / count() AS read, countIf(status = 'DELIVERED') / count() AS delivered,
                       countIf(status = 'FAILED') / count() AS failed, countIf(error_code = 131026) AS undeliverable,
                       countIf(account_id = 'acme') / count() AS acme_share,
                       countIf(correlation_id != '') / count() AS with_correlation
                FROM rastro.messages FINAL
                WHERE direction = 'MT' AND event_time >= '2026-08-03 00:00:00' AND event_time < '2026-11-01 00:00:00'"""),
                r -> List.of(r.getDouble("read"), r.getDouble("delivered"), r.getDouble("failed"),
                        (double) r.getLong("undeliverable"), r.getDouble("acme_share"), r.getDouble("with_correlation"))).getFirst();
        assertThat(mix.get(0)).isBetween(0.50, 0.60);
        assertThat(mix.get(1)).isBetween(0.25, 0.35);
        assertThat(mix.get(2)).isBetween(0.08, 0.12);
        assertThat(mix.get(3)).isGreaterThan(0);
        assertThat(mix.get(4)).isBetween(0.55, 0.65);
        assertThat(mix.get(5)).isBetween(0.35, 0.45);
        var replies = store.query(Sql.of("""
                SELECT count() AS c, countIf(button_payload != '') AS taps,
                       countIf(reply_to_message_id IN (SELECT message_id FROM rastro.messages WHERE direction = 'MT')) AS linked
                FROM rastro.messages WHERE direction = 'MO' AND event_time >= '2026-08-03 00:00:00' AND event_time < '2026-11-01 00:00:00'"""),
                r -> List.of(r.getLong("c"), r.getLong("taps"), r.getLong("linked"))).getFirst();
        assertThat(replies.get(0)).isGreaterThan(1000);
        assertThat(replies.get(1)).isGreaterThan(500);
        assertThat(replies.get(2)).isEqualTo(replies.get(0));
    }

    /**
     * The generation ends at {@code now}: no step of any message lies after it, and what had not happened yet is
     * not in the history either (a message to be read an hour after {@code now} is still DELIVERED). A period of
     * its own (2021), so no other test's data shares it.
     */
    @Test
    void noStepOfAMessageLiesAfterTheEndOfTheGeneration() {
        var store = TestEngine.store();
        new DemoGenerator(store).generate(new DemoGenerator.Plan(3_000, 11, 2, Instant.parse("2021-06-01T00:00:00Z"),
                DemoGenerator.Plan.demoTenants()));
        var future = store.query(Sql.of("""
                SELECT count() AS c,
                       countIf(greatest(status_at, ifNull(sent_at, status_at), ifNull(delivered_at, status_at),
                                        ifNull(read_at, status_at), ifNull(failed_at, status_at)) > '2021-06-01 00:00:00') AS rows,
                       (SELECT count() FROM rastro.status_events WHERE status_at > '2021-06-01 00:00:00'
                          AND message_id IN (SELECT message_id FROM rastro.messages
                                             WHERE event_time >= '2021-05-30 00:00:00' AND event_time < '2021-06-01 00:00:00')) AS events,
                       countIf(direction = 'MT' AND event_time > '2021-05-31 23:00:00' AND status != 'READ') AS recent_unread
                FROM rastro.messages FINAL
                WHERE event_time >= '2021-05-30 00:00:00' AND event_time < '2021-06-01 00:00:00'"""),
                r -> List.of(r.getLong("c"), r.getLong("rows"), r.getLong("events"), r.getLong("recent_unread"))).getFirst();
        assertThat(future.get(0)).isGreaterThan(3_000);
        assertThat(future.get(1)).isZero();
        assertThat(future.get(2)).isZero();
        assertThat(future.get(3)).isPositive();
    }
}
