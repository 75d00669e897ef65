package io.rastro.store;

import io.rastro.TestEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations 018 and 019 on keys written before them: every lookup row of message_lookup is in message_keys
 * afterwards, a month to a partition; the old table and its view are gone; and a message inserted afterwards gets
 * its keys in message_keys through the new view, once.
 */
class MessageKeysMigrationTest {

    private static List<String> statements(String file, Predicate<String> which) throws IOException {
        var text = Files.readString(Path.of("../clickhouse/migrations/" + file), StandardCharsets.UTF_8);
        return Migrator.statements(text).stream().filter(which).toList();
    }

    @Test
    void theKeysMoveToMonthlyPartitionsAndNewMessagesGetTheirKeysThroughTheNewView() throws IOException {
        var store = TestEngine.store();
        // in a database of its own, so that the copy and the drops touch none of the tables other tests share
        var db = "mig018_" + System.nanoTime();
        store.execute(Sql.of("CREATE DATABASE " + db));
        try {
            store.execute(Sql.of("CREATE TABLE " + db + ".messages AS rastro.messages"));
            // message_lookup and its view as migrations 001 and 005 left them
            var old = new ArrayList<String>();
            old.addAll(statements("001_messages.sql", s -> s.contains("rastro.message_lookup")));
            old.addAll(statements("005_lookup_without_repeated_wa_id.sql", s -> true));
            assertThat(old).hasSize(3);
            for (var statement : old) {
                store.execute(Sql.of(statement.replace("rastro.", db + ".")));
            }
            var start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(120, ChronoUnit.DAYS);
            insertMessages(store, db, start, 0, 120);
            var before = keys(store, db, "message_lookup");
            // per message: its id, phone and correlation id; and a conversation id on every third
            assertThat(before).hasSize(120 * 3 + 40);

            for (var file : List.of("018_message_keys.sql", "019_drop_message_lookup.sql")) {
                for (var statement : statements(file, s -> true)) {
                    store.execute(Sql.of(statement.replace("rastro.", db + ".")));
                }
            }

            assertThat(keys(store, db, "message_keys")).isEqualTo(before);
            var tables = store.query(Sql.of("SELECT name, partition_key FROM system.tables WHERE database = {db:String} "
                    + "ORDER BY name").bind("db", db), r -> r.getString("name") + " " + r.getString("partition_key"));
            assertThat(tables).containsExactly("message_keys toYYYYMM(event_time)", "message_keys_mv ",
                    "messages toDate(event_time)");
            var months = store.query(Sql.of("SELECT uniqExact(toYYYYMM(event_time)) AS months FROM " + db + ".message_keys"),
                    r -> r.getLong("months")).getFirst();
            var partitions = store.query(Sql.of("SELECT uniqExact(partition_id) AS p FROM system.parts WHERE active "
                    + "AND database = {db:String} AND table = 'message_keys'").bind("db", db), r -> r.getLong("p")).getFirst();
            assertThat(partitions).isEqualTo(months).isGreaterThanOrEqualTo(4);

            insertMessages(store, db, start, 120, 3);
            var after = keys(store, db, "message_keys");
            assertThat(after).hasSize(before.size() + 3 * 3 + 1)
                    .contains("ID mt-120 mt-120", "PHONE 5511000000120 mt-120", "CORRELATION corr-122 mt-122",
                            "CONVERSATION conv-120 mt-120");
        } finally {
            store.execute(Sql.of("DROP DATABASE IF EXISTS " + db + " SYNC"));
        }
    }

    /** Sent messages a day apart, numbered from {@code first}; every third has a conversation id. */
    private static void insertMessages(Store store, String db, Instant start, int first, int count) {
        store.execute(Sql.of("""
                INSERT INTO DB.messages (account_id, event_time, message_id, direction, subaccount_id, content_type,
                                         contact_phone, contact_wa_id, correlation_id, conversation_id, status, status_at,
                                         version)
                SELECT 'acme', {start:DateTime64(3, 'UTC')} + toIntervalDay(n), concat('mt-', toString(n)), 'MT', 's',
                       'TEXT', concat('5511', leftPad(toString(n), 9, '0')), concat('5511', leftPad(toString(n), 9, '0')),
                       concat('corr-', toString(n)), if(n % 3 = 0, concat('conv-', toString(n)), ''), 'SENT',
                       {start:DateTime64(3, 'UTC')} + toIntervalDay(n), 0
                FROM (SELECT number + {first:UInt32} AS n FROM numbers({count:UInt32}))
                SETTINGS max_partitions_per_insert_block = 0""".replace("DB.", db + "."))
                .bind("start", start).bind("first", first).bind("count", count));
    }

    /** Every key as "kind value message_id", in order. */
    private static List<String> keys(Store store, String db, String table) {
        return store.query(Sql.of("SELECT kind, value, message_id FROM " + db + "." + table + " FINAL ORDER BY kind, value"),
                r -> r.getString("kind") + " " + r.getString("value") + " " + r.getString("message_id"));
    }
}
