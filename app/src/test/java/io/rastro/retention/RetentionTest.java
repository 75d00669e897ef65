package io.rastro.retention;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention drops whole days older than it, and their lookup rows and history with them: a dropped message leaves
 * the report, its lookup and its history; a kept one stays whole. The test's messages are dated January 2001 and
 * retention runs as of 2001-02-01, so no other test's data (all far newer) is touched.
 */
@IntegrationTest
class RetentionTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    Retention retention;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    void message(String id, Instant at) {
        store.execute(Sql.of("""
                INSERT INTO rastro.messages (account_id, event_time, message_id, direction, subaccount_id, content_type,
                                             contact_phone, correlation_id, status, status_at, version)
                SELECT 'acme', {at:DateTime64(3, 'UTC')}, {id:String}, 'MT', 'acme-sales', 'TEXT', '5511900000001',
                       {corr:String}, 'DELIVERED', {at:DateTime64(3, 'UTC')}, 0""")
                .bind("at", at).bind("id", id).bind("corr", "retention-" + run));
        store.execute(Sql.of("""
                INSERT INTO rastro.status_events (account_id, message_id, status, status_at, error_code, error_title)
                SELECT 'acme', {id:String}, 'DELIVERED', {at:DateTime64(3, 'UTC')}, 0, ''""")
                .bind("at", at.plusSeconds(5)).bind("id", id));
    }

    /** A received message answering {@code repliedId}: the replies view writes its row in message_replies. */
    void reply(String id, String repliedId, Instant at) {
        store.execute(Sql.of("""
                INSERT INTO rastro.messages (account_id, event_time, message_id, direction, subaccount_id, content_type,
                                             contact_phone, reply_to_message_id, status, status_at, version)
                SELECT 'acme', {at:DateTime64(3, 'UTC')}, {id:String}, 'MO', 'acme-sales', 'TEXT', '5511900000001',
                       {replied:String}, 'RECEIVED', {at:DateTime64(3, 'UTC')}, 0""")
                .bind("at", at).bind("id", id).bind("replied", repliedId));
    }

    long count(String sql, String id) {
        return store.query(Sql.of(sql).bind("id", id), r -> r.getLong("c")).getFirst();
    }

    @Test
    void daysOlderThanTheRetentionLeaveTheReportsTheLookupAndTheHistory() {
        var old = "wamid.RETENTION-OLD-" + run;
        var kept = "wamid.RETENTION-KEPT-" + run;
        message(old, Instant.parse("2001-01-05T10:00:00Z"));
        message(kept, Instant.parse("2001-01-20T10:00:00Z"));
        reply(old + "-R", old, Instant.parse("2001-01-05T10:30:00Z"));
        reply(kept + "-R", kept, Instant.parse("2001-01-20T10:30:00Z"));
        var filter = Map.of("period", Map.of("from", "2001-01-01T00:00:00Z", "to", "2001-01-31T00:00:00Z"),
                "correlationId", "retention-" + run);
        var ana = Clients.as(port, DemoIdentities.ANA);
        ana.documentName("messagesTotal").variable("input", Map.of("filter", filter)).execute()
                .path("messages.totalCount").entity(Long.class).isEqualTo(2L);

        // 2001-02-01 less 20 days is 2001-01-12: the days before it go, 2001-01-12 itself stays
        var dropped = retention.apply(Instant.parse("2001-02-01T08:00:00Z"), Duration.ofDays(20));
        assertThat(dropped).contains("20010105").allSatisfy(day -> assertThat(day).isLessThan("20010112"))
                .doesNotContain("20010120");

        assertThat(count("SELECT count() AS c FROM rastro.messages WHERE message_id = {id:String}", old)).isZero();
        assertThat(count("SELECT count() AS c FROM rastro.message_keys WHERE message_id = {id:String}", old)).isZero();
        assertThat(count("SELECT count() AS c FROM rastro.status_events WHERE message_id = {id:String}", old)).isZero();
        assertThat(count("SELECT count() AS c FROM rastro.message_replies WHERE replied_id = {id:String}", old)).isZero();
        assertThat(count("SELECT count() AS c FROM rastro.message_replies WHERE replied_id = {id:String}", kept)).isEqualTo(1);
        assertThat(count("SELECT count() AS c FROM rastro.messages FINAL WHERE message_id = {id:String}", kept)).isEqualTo(1);
        assertThat(count("SELECT count() AS c FROM rastro.message_keys WHERE message_id = {id:String}", kept)).isPositive();
        assertThat(count("SELECT count() AS c FROM rastro.status_events WHERE message_id = {id:String}", kept)).isEqualTo(1);

        ana.documentName("messagesTotal").variable("input", Map.of("filter", filter)).execute()
                .path("messages.edges[*].node.id").entityList(String.class).containsExactly(kept);
        ana.documentName("message").variable("id", old).execute().errors()
                .expect(e -> e.getErrorType().toString().equals("NOT_FOUND")).verify();
        ana.documentName("message").variable("id", kept).execute()
                .path("message.history[*].status").entityList(String.class).containsExactly("DELIVERED");
        assertThat(retention.apply(Instant.parse("2001-02-01T08:00:00Z"), Duration.ofDays(20)))
                .as("a second run finds nothing more").doesNotContain("20010105");
    }
}
