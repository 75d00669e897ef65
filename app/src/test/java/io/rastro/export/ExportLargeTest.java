package io.rastro.export;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.export.job.ExportQueries;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.rastro.export.ExportTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

/** ~200k rows end to end in the test JVM: started over GraphQL, downloaded to disk, read back record by record. */
@IntegrationTest
class ExportLargeTest {

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ExportQueries queries;
    @Autowired
    io.rastro.report.FilterValidator validator;
    @TempDir
    Path dir;

    @Test
    void twoHundredThousandRowsReachTheFileInReportOrderWithTheCountTheJobReports() throws Exception {
        ensureBulkTenant(store);
        var ops = Clients.as(port, BULK_ADMIN);
        var period = lastDays(21);
        var job = exportDone(ops, input("filter", Map.of("period", period), "format", "CSV",
                "columns", List.of("MESSAGE_ID", "AT", "STATUS", "SUBACCOUNT_NAME", "TEXT")));
        var total = ((Number) job.get("totalRows")).longValue();
        assertThat(total).isGreaterThan(190_000);
        assertThat(((Number) job.get("rowsWritten")).longValue()).isEqualTo(total);
        var file = downloadTo(port, Clients.basic(BULK_ADMIN), job, dir);

        var expected = store.query(Sql.of("""
                SELECT message_id FROM rastro.messages FINAL
                WHERE account_id = {a:String} AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}
                  AND ingested_at <= {cutoff:DateTime64(3, 'UTC')}
                ORDER BY event_time DESC, message_id DESC""").bind("a", BULK)
                .bind("f", Instant.parse((String) period.get("from"))).bind("t", Instant.parse((String) period.get("to")))
                .bind("cutoff", Instant.parse((String) job.get("cutoff"))), r -> r.getString("message_id"));
        assertThat(expected).hasSize((int) total);
        try (var parser = CSVParser.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            var records = parser.iterator();
            assertThat(records.next().get(0)).isEqualTo("Message ID");
            var i = 0;
            while (records.hasNext()) {
                var record = records.next();
                assertThat(record.get(0)).as("row %d", i).isEqualTo(expected.get(i));
                assertThat(record.get(3)).isNotEmpty();
                i++;
            }
            assertThat(i).isEqualTo(expected.size());
        }
    }

    /**
     * The per-day counts (whole days counted per partition, the edge days row by row) are the plain count per day,
     * whether the period has whole days or not, and with a filter beside the period.
     */
    @Test
    void dayCountsAreAPlainCountPerDay() {
        ensureBulkTenant(store);
        var scope = io.rastro.security.TenantScope.wholeAccount(BULK);
        var cutoff = Instant.now();
        var end = cutoff.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        var periods = List.of(
                List.of(end.minus(java.time.Duration.ofDays(21)).plusSeconds(4_321), end.plusSeconds(3_600)),
                List.of(end.minus(java.time.Duration.ofDays(7)), end),
                List.of(end.minus(java.time.Duration.ofDays(2)).plusSeconds(60), end.minus(java.time.Duration.ofDays(2)).plusSeconds(7_200)),
                List.of(end.minus(java.time.Duration.ofDays(3)).plusSeconds(36_000), end.minus(java.time.Duration.ofDays(1)).plusSeconds(1)));
        for (var period : periods) {
            for (var direction : new String[] {null, "MT"}) {
                var filter = validator.validate(io.rastro.report.MessageFilterInput.builder()
                        .period(new io.rastro.report.MessageFilterInput.PeriodInput(period.get(0).atOffset(java.time.ZoneOffset.UTC), period.get(1).atOffset(java.time.ZoneOffset.UTC)))
                        .direction(direction == null ? null : io.rastro.domain.Direction.MT)
                        .build(), scope, "input.filter");
                var counts = store.query(queries.dayCounts(filter, scope, cutoff), r -> r.getLong("day") + "=" + r.getLong("c"));
                var plain = store.query(Sql.of("""
                        SELECT toUnixTimestamp(toStartOfDay(event_time)) AS day, count() AS c FROM rastro.messages FINAL
                        WHERE account_id = {a:String} AND event_time >= {f:DateTime64(3, 'UTC')} AND event_time < {t:DateTime64(3, 'UTC')}
                          AND ingested_at <= {cutoff:DateTime64(3, 'UTC')} AND ({d:String} = '' OR direction = {d:String})
                        GROUP BY day ORDER BY day""").bind("a", BULK).bind("f", period.get(0)).bind("t", period.get(1))
                        .bind("cutoff", cutoff).bind("d", direction == null ? "" : direction), r -> r.getLong("day") + "=" + r.getLong("c"));
                assertThat(plain).as("%s %s", period, direction).isNotEmpty();
                assertThat(counts).as("%s %s", period, direction).isEqualTo(plain);
            }
        }
    }

    @Test
    void messagesFirstIngestedAfterTheCutoffAreInNeitherTheCountNorTheRows() {
        ensureBulkTenant(store);
        var period = lastDays(5);
        // a subaccount of its own, so that only the late message matches; the report refuses unknown subaccounts
        store.execute(Sql.of("INSERT INTO rastro.subaccounts (account_id, subaccount_id, name, version) "
                + "SELECT {a:String}, 'bulk-late', 'Late arrivals', 1").bind("a", BULK));
        var filter = validator.validate(io.rastro.report.MessageFilterInput.builder()
                .period(new io.rastro.report.MessageFilterInput.PeriodInput( java.time.OffsetDateTime.parse((String) period.get("from")), java.time.OffsetDateTime.parse((String) period.get("to"))))
                .subaccounts(List.of("bulk-late")).build(),
                io.rastro.security.TenantScope.wholeAccount(BULK), "input.filter");
        var scope = io.rastro.security.TenantScope.wholeAccount(BULK);
        var before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var late = "wamid.LATE" + System.nanoTime();
        store.execute(Sql.of("""
                INSERT INTO rastro.messages (account_id, event_time, message_id, direction, subaccount_id, text, status,
                                             status_at, version)
                SELECT {a:String}, {at:DateTime64(3, 'UTC')}, {id:String}, 'MO', {s:String}, 'late', 'RECEIVED',
                       {at:DateTime64(3, 'UTC')}, 0""").bind("a", BULK).bind("id", late).bind("s", "bulk-late")
                .bind("at", EDGE_START.plusSeconds(30)));
        var after = Instant.now().plusMillis(1);
        // the job's total: the sum of its per-day counts at the cutoff
        java.util.function.Function<Instant, Long> count = cutoff -> store.query(queries.dayCounts(filter, scope, cutoff),
                r -> r.getLong("c")).stream().mapToLong(Long::longValue).sum();
        java.util.function.Function<Instant, List<String>> ids = cutoff -> store.query(queries.rows(filter, scope,
                io.rastro.report.Enums.MessageSort.OLDEST_FIRST, cutoff, List.of(ExportColumn.MESSAGE_ID), ExportQueries.Cells.VALUES, null,
                Map.of(), java.time.ZoneOffset.UTC), r -> r.getString("c1"));
        // a subaccount of its own, so the other export tests' counts stay what they expect
        assertThat(count.apply(before)).isZero();
        assertThat(ids.apply(before)).isEmpty();
        assertThat(count.apply(after)).isEqualTo(1);
        assertThat(ids.apply(after)).containsExactly(late);
    }
}
