package io.rastro.ingest;

import io.rastro.TestEngine;
import io.rastro.store.Migrator;
import io.rastro.store.Sql;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 015's backfill on rows written before it: sent messages over 300 days, a partition a day, half of them
 * answered (150 partitions in one insert, past the engine's default cap of 100, which failed the backfill before its
 * settings lifted it), some by a tap, get the reply state their replies imply; the others keep none.
 */
class ReplyStateMigrationTest {

    @Test
    void theBackfillGivesEveryAnsweredMessageItsReplyStateAcrossMoreThanAHundredPartitions() throws Exception {
        var store = TestEngine.store();
        // the migration's statement runs on copies of its two tables in a database of its own, so that it rewrites
        // none of the rows other tests share (it rewrites every answered message it finds)
        var db = "mig015_" + System.nanoTime();
        store.execute(Sql.of("CREATE DATABASE " + db));
        try {
            store.execute(Sql.of("CREATE TABLE " + db + ".messages AS rastro.messages"));
            store.execute(Sql.of("CREATE TABLE " + db + ".message_replies AS rastro.message_replies"));
            var account = "acme";
            var start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(300, ChronoUnit.DAYS);
            // what an earlier version wrote: MT rows without reply state, and replies to every other one
            store.execute(Sql.of("""
                    INSERT INTO DB.messages (account_id, event_time, message_id, direction, subaccount_id, content_type,
                                             status, status_at, version)
                    SELECT {a:String}, {start:DateTime64(3, 'UTC')} + toIntervalDay(number), concat('mt-', toString(number)),
                           'MT', 's', 'TEXT', 'READ', {start:DateTime64(3, 'UTC')} + toIntervalDay(number), 1
                    FROM numbers(300)
                    SETTINGS max_partitions_per_insert_block = 0""".replace("DB.", db + ".")).bind("a", account).bind("start", start));
            store.execute(Sql.of("""
                    INSERT INTO DB.message_replies (account_id, reply_at, replied_id, reply_id, subaccount_id,
                                                    button_payload, button_text)
                    SELECT {a:String}, {start:DateTime64(3, 'UTC')} + toIntervalDay(number) + toIntervalHour(1),
                           concat('mt-', toString(number)), concat('mo-', toString(number)), 's',
                           if(number % 4 = 0, 'YES', ''), ''
                    FROM numbers(300) WHERE number % 2 = 0
                    SETTINGS max_partitions_per_insert_block = 0""".replace("DB.", db + ".")).bind("a", account).bind("start", start));

            var migration = Files.readString(Path.of("../clickhouse/migrations/015_message_reply_state.sql"),
                    StandardCharsets.UTF_8);
            var backfill = Migrator.statements(migration).stream().filter(s -> s.startsWith("INSERT")).toList();
            assertThat(backfill).hasSize(1);
            store.execute(Sql.of(backfill.getFirst().replace("rastro.", db + ".")));

            var state = store.query(Sql.of("""
                    SELECT toUInt32(substring(message_id, 4)) AS n, reply_count, reply_payloads
                    FROM DB.messages FINAL WHERE account_id = {a:String} AND direction = 'MT' ORDER BY n""".replace("DB.", db + "."))
                    .bind("a", account), r -> List.<Object>of(r.getLong("reply_count"), r.getList("reply_payloads")));
            assertThat(state).hasSize(300);
            for (int n = 0; n < 300; n++) {
                var expected = n % 2 != 0 ? List.of(0L, List.of()) : List.of(1L, n % 4 == 0 ? List.of("YES") : List.of());
                assertThat(state.get(n)).as("mt-%d", n).isEqualTo(expected);
            }
        } finally {
            store.execute(Sql.of("DROP DATABASE IF EXISTS " + db));
        }
    }
}
