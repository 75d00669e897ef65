package io.rastro.report;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class MessagesQueryTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;

    static Map<String, Object> period(Instant from, Instant to) {
        return Map.of("from", from.toString(), "to", to.toString());
    }

    static Map<String, Object> last30Days() {
        var to = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);
        return period(to.minus(31, ChronoUnit.DAYS), to);
    }

    @Test
    void firstPageHasTheExactTotalAndNewestFirst() {
        var period = last30Days();
        var expected = store.query(Sql.of("""
                SELECT count() AS c FROM rastro.messages FINAL WHERE account_id = 'acme'
                  AND event_time >= parseDateTime64BestEffort({f:String}, 3) AND event_time < parseDateTime64BestEffort({t:String}, 3)""")
                .bind("f", period.get("from")).bind("t", period.get("to")), r -> r.getLong("c")).getFirst();
        assertThat(expected).isGreaterThan(1000);
        var response = Clients.as(port, DemoIdentities.ANA).documentName("messages")
                .variable("input", Map.of("filter", Map.of("period", period), "first", 20)).execute();
        response.path("messages.totalCount").entity(Long.class).isEqualTo(expected);
        response.path("messages.edges").entityList(Object.class).hasSize(20);
        response.path("messages.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        var times = response.path("messages.edges[*].node.at").entityList(String.class).get();
        assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
    }

    /**
     * A page's histories come from one batched statement; message(id) reads its history beside the row and hands
     * it to the same field ahead of time. Both ways must give every message the history the store holds.
     */
    @Test
    void historiesAreTheSameThroughAPageAndThroughMessageById() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var nodes = ana.documentName("messagesHistory")
                .variable("input", Map.of("filter", Map.of("period", last30Days()), "first", 40)).execute()
                .path("messages.edges[*].node").entityList(Map.class).get();
        assertThat(nodes).hasSize(40);
        assertThat(nodes).extracting(n -> n.get("__typename")).contains("SentMessage", "ReceivedMessage");
        for (var node : nodes) {
            var id = (String) node.get("id");
            var steps = store.query(Sql.of("SELECT status FROM rastro.status_events FINAL WHERE account_id = 'acme'"
                    + " AND message_id = {id:String} ORDER BY status_at, status").bind("id", id), r -> r.getString("status"));
            var expected = "ReceivedMessage".equals(node.get("__typename")) ? List.of("RECEIVED") : steps;
            assertThat(((List<?>) node.get("history")).stream().map(h -> ((Map<?, ?>) h).get("status")).toList())
                    .as(id).isEqualTo(expected);
            ana.documentName("messageHistory").variable("id", id).execute()
                    .path("message.history").entityList(Map.class).isEqualTo((List) node.get("history"));
        }
    }

    @Test
    void keysetPagesWalkEveryRowOnce() {
        var period = last30Days();
        var seen = new java.util.HashSet<String>();
        String after = null;
        long total = -1;
        var filter = Map.<String, Object>of("period", period, "direction", "MO", "subaccounts", List.of("acme-support"));
        for (int page = 0; page < 100; page++) {
            var input = new java.util.HashMap<String, Object>(Map.of("filter", filter, "first", 500));
            if (after != null) {
                input.put("after", after);
            }
            var response = Clients.as(port, DemoIdentities.ANA).documentName("messages").variable("input", input).execute();
            total = response.path("messages.totalCount").entity(Long.class).get();
            var ids = response.path("messages.edges[*].node.id").entityList(String.class).get();
            for (var id : ids) {
                assertThat(seen.add(id)).as("row %s seen twice", id).isTrue();
            }
            if (!response.path("messages.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                break;
            }
            after = response.path("messages.pageInfo.endCursor").entity(String.class).get();
        }
        assertThat(total).isPositive();
        assertThat(seen).hasSize((int) total);
    }

    @Test
    void aPageOfRepliesLinksEachToTheMessageItAnswers() {
        var response = Clients.as(port, DemoIdentities.ANA).documentName("replies")
                .variable("input", Map.of("filter", Map.of("period", last30Days(), "direction", "MO"), "first", 100))
                .execute();
        var replyTo = response.path("messages.edges[*].node.inReplyToId").entityList(String.class).get();
        var linked = response.path("messages.edges[*].node.inReplyTo.id").entityList(String.class).get();
        assertThat(replyTo).hasSize(100);
        // every demo reply answers a visible sent message of the same account: all links resolve, in order
        assertThat(linked).containsExactlyElementsOf(replyTo);
        response.path("messages.edges[*].node.inReplyTo.direction").entityList(String.class)
                .satisfies(directions -> assertThat(directions).containsOnly("MT"));
    }

    @Test
    void messageByIdShowsItsHistoryAndTenantsCannotSeeEachOther() {
        var failedId = store.query(Sql.of("SELECT message_id FROM rastro.messages FINAL WHERE account_id = 'acme' "
                + "AND status = 'FAILED' LIMIT 1"), r -> r.getString("message_id")).getFirst();
        var acme = Clients.as(port, DemoIdentities.ANA).documentName("message").variable("id", failedId).execute();
        acme.path("message.status").entity(String.class).isEqualTo("FAILED");
        acme.path("message.error.code").entity(Integer.class).satisfies(code -> assertThat(code).isPositive());
        acme.path("message.history[*].status").entityList(String.class).contains("ACCEPTED", "FAILED");
        Clients.as(port, DemoIdentities.BRUNO).documentName("message").variable("id", failedId).execute()
                .errors().expect(e -> "NOT_FOUND".equals(e.getErrorType().toString())
                        && !e.getMessage().contains("acme")).verify();
    }
}
