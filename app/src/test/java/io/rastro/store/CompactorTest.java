package io.rastro.store;

import io.rastro.TestEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompactorTest {

    private static final String ACCOUNT = "compactor-test";

    private static void insert(Store store, String status, long version) {
        store.execute(Sql.of("""
                INSERT INTO rastro.messages (account_id, event_time, message_id, direction, subaccount_id, content_type,
                                             status, status_at, error_code, version)
                SELECT {a:String}, toDateTime64('2099-02-03 04:05:06', 3, 'UTC'), 'wamid.COMPACT-1', 'MT', 's1', 'TEXT',
                       {s:String}, toDateTime64('2099-02-03 04:05:06', 3, 'UTC'), 0, {v:UInt64}""")
                .bind("a", ACCOUNT).bind("s", status).bind("v", version));
    }

    private static List<Long> partsAndRows(Store store) {
        return store.query(Sql.of("""
                SELECT (SELECT count() FROM system.parts WHERE database = 'rastro' AND table = 'messages' AND active
                          AND partition_id = '20990203') AS parts,
                       (SELECT count() FROM rastro.messages WHERE account_id = {a:String}) AS rows""").bind("a", ACCOUNT),
                r -> List.of(r.getLong("parts"), r.getLong("rows"))).getFirst();
    }

    @Test
    void aQuietDayWithSeveralVersionsBecomesOnePartWithTheLatestVersion() {
        var store = TestEngine.store();
        insert(store, "SENT", 1);
        insert(store, "READ", 3);
        insert(store, "DELIVERED", 2);
        assertThat(partsAndRows(store)).containsExactly(3L, 3L);

        // a day that changed moments ago is left alone
        assertThat(new Compactor(store, Duration.ofHours(1), 8).compact(Instant.now())).doesNotContain("20990203");
        var compacted = new Compactor(store, Duration.ofSeconds(0), 50).compact(Instant.now().plusSeconds(5));
        assertThat(compacted).contains("20990203");
        assertThat(partsAndRows(store)).containsExactly(1L, 1L);
        assertThat(store.query(Sql.of("SELECT status FROM rastro.messages WHERE account_id = {a:String}").bind("a", ACCOUNT),
                r -> r.getString("status"))).containsExactly("READ");
    }
}
