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
 * Migration 015's backfill on rows written before it: sent messages over 200 days (a partition a day, twice the
 * engine's default cap per insert), half of them answered, some by a tap, get the reply state their replies imply;
 * the others keep none.
 */
class ReplyStateMigrationTest {

    @Test
    void theBackfillGivesEveryAnsweredMessageItsReplyStateAcrossMoreThanAHundredDays() throws Exception {
        var store = TestEngine.store();
        var account = "mig015-" + System.nanoTime();
        var start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(200, ChronoUnit.DAYS);
        // what an earlier version wrote: MT rows without reply state, and the MO rows answering every other one
        store.execute(Sql.of("""
                INSERT INTO rastro.messages (account_id, event_time, message_id, direction, subaccount_id, content_type,
                                             status, status_at, version)
                SELECT {a:String}, {start:DateTime64(3, 'UTC')} + toIntervalDay(number), concat('mt-', toString(number)),
                       'MT', 's', 'TEXT', 'READ', {start:DateTime64(3, 'UTC')} + toIntervalDay(number), 1
                FROM numbers(200)
                SETTINGS max_partitions_per_insert_block = 0""").bind("a", account).bind("start", start));
        store.execute(Sql.of("""
                INSERT INTO rastro.messages (account_id, event_time, message_id, direction, subaccount_id, content_type,
                                             status, status_at, reply_to_message_id, button_payload, version)
                SELECT {a:String}, {start:DateTime64(3, 'UTC')} + toIntervalDay(number) + toIntervalHour(1),
                       concat('mo-', toString(number)), 'MO', 's', if(number % 4 = 0, 'BUTTON', 'TEXT'), 'RECEIVED',
                       {start:DateTime64(3, 'UTC')} + toIntervalDay(number) + toIntervalHour(1),
                       concat('mt-', toString(number)), if(number % 4 = 0, 'YES', ''), 0
                FROM numbers(200) WHERE number % 2 = 0
                SETTINGS max_partitions_per_insert_block = 0""").bind("a", account).bind("start", start));

        var migration = Files.readString(Path.of("../clickhouse/migrations/015_message_reply_state.sql"),
                StandardCharsets.UTF_8);
        var backfill = Migrator.statements(migration).stream().filter(s -> s.startsWith("INSERT")).toList();
        assertThat(backfill).hasSize(1);
        store.execute(Sql.of(backfill.getFirst()));

        var state = store.query(Sql.of("""
                SELECT toUInt32(substring(message_id, 4)) AS n, reply_count, reply_payloads
                FROM rastro.messages FINAL WHERE account_id = {a:String} AND direction = 'MT' ORDER BY n""")
                .bind("a", account), r -> List.<Object>of(r.getLong("reply_count"), r.getList("reply_payloads")));
        assertThat(state).hasSize(200);
        for (int n = 0; n < 200; n++) {
            var expected = n % 2 != 0 ? List.of(0L, List.of()) : List.of(1L, n % 4 == 0 ? List.of("YES") : List.of());
            assertThat(state.get(n)).as("mt-%d", n).isEqualTo(expected);
        }
    }
}
