package io.rastro.report;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page is read only from the hours that hold enough rows beyond the cursor (see {@code ReportQueries.page}).
 * Walking a filter page by page, in both orders and with page sizes that end mid-hour, at an hour's edge and
 * across sparse hours, must give exactly the rows and the order an independent query gives. Point lookups have a
 * shape of their own, walked here too.
 */
@IntegrationTest
class PageBoundTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;

    @ParameterizedTest(name = "{0}, {1} per page, {2}")
    @CsvSource({
            "NEWEST_FIRST, 1, MO",
            "NEWEST_FIRST, 7, MO",
            "NEWEST_FIRST, 50, MT",
            "OLDEST_FIRST, 1, MO",
            "OLDEST_FIRST, 7, MO",
            "OLDEST_FIRST, 50, MT"})
    void walkingThePagesGivesEveryRowOnceInOrder(String sort, int pageSize, String direction) {
        // the newest five days of the data set: busy hours, quiet hours and empty ones
        var to = endOfData();
        var from = to.minus(5, ChronoUnit.DAYS);
        var expected = expectedIds("subaccount_id = 'acme-support' AND direction = {v:String}", direction, from, to, sort);
        assertThat(expected).hasSizeGreaterThan(pageSize * 3);
        var cap = Math.min(expected.size(), pageSize == 1 ? 40 : expected.size());

        var filter = Map.<String, Object>of("period", Map.of("from", from.toString(), "to", to.toString()),
                "direction", direction, "subaccounts", List.of("acme-support"));
        assertThat(walk(filter, pageSize, sort, expected.size(), cap)).containsExactlyElementsOf(expected.subList(0, cap));
    }

    /**
     * A period of whole UTC days is counted per partition ({@code PageHistogram}), except the cursor's day: walking
     * it must still give every row once, with the exact total on every page, across the midnights in both orders.
     */
    @ParameterizedTest(name = "{0}, {1} per page")
    @CsvSource({"NEWEST_FIRST, 50", "OLDEST_FIRST, 50", "NEWEST_FIRST, 13", "OLDEST_FIRST, 13"})
    void walkingAPeriodOfWholeDaysGivesEveryRowOnceInOrder(String sort, int pageSize) {
        var to = endOfData().truncatedTo(ChronoUnit.DAYS);
        var from = to.minus(4, ChronoUnit.DAYS);
        var expected = expectedIds("subaccount_id = 'acme-support' AND direction = {v:String}", "MT", from, to, sort);
        assertThat(expected).hasSizeGreaterThan(pageSize * 4);

        var filter = Map.<String, Object>of("period", Map.of("from", from.toString(), "to", to.toString()),
                "direction", "MT", "subaccounts", List.of("acme-support"));
        assertThat(walk(filter, pageSize, sort, expected.size(), expected.size() + 1)).containsExactlyElementsOf(expected);
    }

    /** Whole days are counted by partition id: that is only right while messages is partitioned by UTC day. */
    @Test
    void everyMessageLiesInThePartitionOfItsUtcDay() {
        var counts = store.query(Sql.of("SELECT count() AS rows, countIf(_partition_id != formatDateTime(toDate(event_time),"
                + " '%Y%m%d')) AS elsewhere FROM rastro.messages"), r -> List.of(r.getLong("rows"), r.getLong("elsewhere")))
                .getFirst();
        assertThat(counts.get(0)).isPositive();
        assertThat(counts.get(1)).isZero();
    }

    /**
     * A point lookup (here: one contact) takes its own shape, a window count over the contact's rows with the
     * cursor applied afterwards. Walking it must give the same rows, order and total on every page.
     */
    @ParameterizedTest(name = "{0}, {1} per page")
    @CsvSource({"NEWEST_FIRST, 1", "NEWEST_FIRST, 3", "OLDEST_FIRST, 1", "OLDEST_FIRST, 3"})
    void walkingAPointLookupGivesEveryRowOnceInOrder(String sort, int pageSize) {
        var to = endOfData();
        var from = to.minus(90, ChronoUnit.DAYS);
        var busiest = store.query(Sql.of("SELECT contact_phone AS p, count() AS c FROM rastro.messages FINAL"
                + " WHERE account_id = 'acme' AND contact_phone != '' AND event_time >= {f:DateTime64(3, 'UTC')}"
                + " AND event_time < {t:DateTime64(3, 'UTC')} GROUP BY p ORDER BY c DESC, p LIMIT 1")
                .bind("f", from).bind("t", to), r -> r.getString("p")).getFirst();
        var expected = expectedIds("(contact_phone = {v:String} OR contact_wa_id = {v:String})", busiest, from, to, sort);
        assertThat(expected).hasSizeGreaterThan(pageSize * 2);

        var filter = Map.<String, Object>of("period", Map.of("from", from.toString(), "to", to.toString()),
                "contact", "+" + busiest);
        // past the total: a cursor that did not advance would repeat rows, and fail the comparison
        assertThat(walk(filter, pageSize, sort, expected.size(), expected.size() + 1)).containsExactlyElementsOf(expected);
    }

    /**
     * Follows {@code endCursor} from the first page until there is no next page or {@code cap} ids are seen, checking
     * the total on every page; returns the ids in the order the pages gave them.
     */
    List<String> walk(Map<String, Object> filter, int pageSize, String sort, long total, int cap) {
        var seen = new ArrayList<String>();
        String after = null;
        while (seen.size() < cap) {
            var input = new HashMap<String, Object>(Map.of("filter", filter, "first", pageSize, "sort", sort));
            if (after != null) {
                input.put("after", after);
            }
            var response = Clients.as(port, DemoIdentities.ANA).documentName("messages").variable("input", input).execute();
            response.path("messages.totalCount").entity(Long.class).isEqualTo(total);
            seen.addAll(response.path("messages.edges[*].node.id").entityList(String.class).get());
            if (!response.path("messages.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                break;
            }
            after = response.path("messages.pageInfo.endCursor").entity(String.class).get();
        }
        return seen;
    }

    /** Just after Acme's newest message, so a period ending here holds it. */
    Instant endOfData() {
        var newest = store.query(Sql.of("SELECT max(event_time) AS t FROM rastro.messages WHERE account_id = 'acme'"),
                r -> r.getInstant("t")).getFirst();
        return newest.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** The independent answer: Acme's ids in [from, to) matching {@code condition} (one parameter, v), in order. */
    List<String> expectedIds(String condition, String value, Instant from, Instant to, String sort) {
        return store.query(Sql.of("SELECT message_id FROM rastro.messages FINAL WHERE account_id = 'acme'"
                        + " AND " + condition
                        + " AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}"
                        + " ORDER BY event_time " + (sort.equals("NEWEST_FIRST") ? "DESC, message_id DESC" : "ASC, message_id ASC"))
                .bind("v", value).bind("f", from).bind("t", to), r -> r.getString("message_id"));
    }
}
