package io.rastro.graphql;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.admission.Admission;
import io.rastro.demo.DemoIdentities;
import io.rastro.web.ApiException;
import io.rastro.web.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One request may run at most rastro.report.max-statements-per-request (20) report statements, however many
 * aliases it uses under the complexity limit; the fields beyond get LIMIT_EXCEEDED. Root report fields hold one
 * of the caller's permits while they run.
 */
@IntegrationTest
class StatementBudgetTest {

    @LocalServerPort
    int port;
    @Autowired
    CallerPermits permits;
    @Autowired
    Admission admission;

    static Map<String, Object> filter() {
        var to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        return Map.of("period", Map.of("from", to.minus(30, ChronoUnit.DAYS).toString(), "to", to.toString()));
    }

    static String aliases(int n, String field) {
        var variable = field.contains("$page") ? "$page: MessagesInput!" : "$input: MessageCountsInput!";
        return "query Many(" + variable + ") {\n"
                + IntStream.range(0, n).mapToObj(i -> "  a" + i + ": " + field).collect(Collectors.joining("\n")) + "\n}";
    }

    @Test
    void aliasesBeyondTheBudgetAreRefusedAndTheRestAnswered() {
        var response = Clients.as(port, DemoIdentities.ANA).document(aliases(25, "messageCounts(input: $input) { total }"))
                .variable("input", Map.of("filter", filter(), "groupBy", List.of())).execute();
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(5).allSatisfy(e -> {
                assertThat(e.getExtensions()).containsEntry("code", "LIMIT_EXCEEDED");
                assertThat(e.getMessage()).contains("more than 20 report statements");
            });
        });
        // report fields are non-null, so a refused one nulls the whole answer: nothing partial comes back
        response.path("").valueIsNull();
        var deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (permits.available(DemoIdentities.ANA) < 4 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(permits.available(DemoIdentities.ANA)).as("every permit is given back").isEqualTo(4);
    }

    /** The insights and the filter options are charged like the report's fields: seven filterOptions are 21. */
    @Test
    void insightsAndFilterOptionsAreChargedToo() {
        var field = "filterOptions(input: {period: $period}) { users }";
        var document = "query Many($period: PeriodInput!) {\n" + IntStream.range(0, 7).mapToObj(i -> "  a" + i + ": " + field)
                .collect(Collectors.joining("\n")) + "\n}";
        Clients.as(port, DemoIdentities.ANA).document(document).variable("period", filter().get("period")).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "LIMIT_EXCEEDED")));
        var funnels = "query Many($filter: MessageFilter!) {\n" + IntStream.range(0, 21)
                .mapToObj(i -> "  a" + i + ": funnel(input: {filter: $filter}) { total { sent } }")
                .collect(Collectors.joining("\n")) + "\n}";
        Clients.as(port, DemoIdentities.ANA).document(funnels).variable("filter", filter()).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getMessage()).contains("more than 20 report statements")));
    }

    @Test
    void pagesCostTheirMostStatementsAndABatchedFieldIsChargedOnce() {
        // messages may run two statements: ten fit in 20, the eleventh does not
        Clients.as(port, DemoIdentities.ANA).document(aliases(11, "messages(input: $page) { totalCount }"))
                .variable("page", Map.of("filter", filter(), "first", 5)).execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "LIMIT_EXCEEDED")));
        // five pages of 50 with their histories: 5 x 2, and one batch per page for each of the two message types
        // (sent and received histories load apart) = 20, whatever the rows; a sixth page would be over
        Clients.as(port, DemoIdentities.ANA)
                .document(aliases(5, "messages(input: $page) { edges { node { id history { status } } } }"))
                .variable("page", Map.of("filter", filter(), "first", 50)).execute().errors().verify();
    }

    @Test
    void aCallerOverItsConcurrentStatementsWaitsThenIsRefused() {
        var limited = new CallerPermits(2, Duration.ofMillis(50));
        limited.acquire("bi-token", "a0");
        limited.acquire("bi-token", "a1");
        assertThatThrownBy(() -> limited.acquire("bi-token", "a2")).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("2 report statements running")
                .satisfies(e -> assertThat(((ApiException) e).kind()).isEqualTo(ApiException.Kind.TOO_MANY_REQUESTS));
        limited.acquire("someone-else", "a0"); // other callers are not held back
        limited.release("bi-token");
        limited.acquire("bi-token", "a2");
        assertThat(limited.available("bi-token")).isZero();
        assertThat(limited.available("never-seen")).isEqualTo(2);
    }

    @Test
    void countsQueueInTheLongLaneWhilePagesGoStraightIn() throws Exception {
        // other tenants' long statements fill the long lane (three slots, two per tenant at most)
        var held = List.of(admission.enter(Admission.Lane.LONG, DemoIdentities.GLOBEX, "test"),
                admission.enter(Admission.Lane.LONG, DemoIdentities.GLOBEX, "test"),
                admission.enter(Admission.Lane.LONG, "test-other-tenant", "test"));
        var counts = java.util.concurrent.CompletableFuture.supplyAsync(() -> Clients.as(port, DemoIdentities.ANA)
                .document("query($input: MessageCountsInput!) { messageCounts(input: $input) { total } }")
                .variable("input", Map.of("filter", filter(), "groupBy", List.of())).execute()
                .path("messageCounts.total").entity(Long.class).get());
        try {
            var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (admission.waiting(Admission.Lane.LONG) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(admission.waiting(Admission.Lane.LONG)).as("Ana's count waits for a long slot").isEqualTo(1);
            // a page of the same caller is answered meanwhile
            var total = Clients.as(port, DemoIdentities.ANA).documentName("messages")
                    .variable("input", Map.of("filter", filter(), "first", 1)).execute()
                    .path("messages.totalCount").entity(Long.class).get();
            assertThat(total).isPositive();
            assertThat(counts).isNotDone();
        } finally {
            held.forEach(Admission.Slot::close);
        }
        assertThat(counts.get(30, java.util.concurrent.TimeUnit.SECONDS)).isPositive();
        // the slot is given back when the field's future completes, which may be just after the answer was sent
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (admission.running(Admission.Lane.LONG) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(admission.running(Admission.Lane.LONG)).as("the long lane's slots are all given back").isZero();
    }
}
