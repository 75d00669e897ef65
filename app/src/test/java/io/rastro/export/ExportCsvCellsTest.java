package io.rastro.export;

import io.rastro.IntegrationTest;
import io.rastro.export.csv.CsvExportWriter;
import io.rastro.export.job.ExportQueries;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.FilterValidator;
import io.rastro.report.MessageFilterInput;
import io.rastro.security.TenantScope;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.rastro.export.ExportTestSupport.EDGE_SUBACCOUNT;
import static io.rastro.export.ExportTestSupport.ensureBulkTenant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine renders CSV cells ({@link CsvExportWriter#cellExpression}); the Java writers format the same values
 * themselves ({@link CellText}, {@link ZonedClock}). Over every column of the demo data and the bulk tenant's
 * hostile texts, in zones with daylight saving, half- and quarter-hour offsets and none, each engine-rendered cell
 * must be exactly the text the Java rendering gives for the value.
 */
@IntegrationTest
class ExportCsvCellsTest {

    @Autowired
    Store store;
    @Autowired
    ExportQueries queries;
    @Autowired
    FilterValidator validator;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTC", "America/Sao_Paulo", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu",
            "Australia/Lord_Howe"})
    void theEngineWritesEveryCellAsTheJavaWritersWould(String zoneId) {
        ensureBulkTenant(store);
        var zone = ZoneId.of(zoneId);
        var compared = 0;
        var mismatches = new ArrayList<String>();
        // Acme over 60 days crosses New York's and Lord Howe's clock changes; the bulk tenant's edge subaccount holds
        // the hostile texts
        for (var tenant : List.of("acme", ExportTestSupport.BULK)) {
            var subaccount = tenant.equals("acme") ? "acme-support" : EDGE_SUBACCOUNT;
            var to = Instant.now().plus(1, ChronoUnit.DAYS);
            var from = to.minus(60, ChronoUnit.DAYS);
            var scope = TenantScope.wholeAccount(tenant);
            var filter = validator.validate(MessageFilterInput.builder()
                    .period(new MessageFilterInput.PeriodInput( OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC)))
                    .subaccounts(List.of(subaccount)).build(), scope, "filter");
            var columns = Arrays.asList(ExportColumn.values());
            var names = Map.of("acme-sales", "=Sales", EDGE_SUBACCOUNT, "Edge");
            var cutoff = Instant.now();
            var values = rows(queries.rows(filter, scope, MessageSort.OLDEST_FIRST, cutoff, columns,
                    ExportQueries.Cells.VALUES, null, names, zone), columns.size());
            var cells = rows(queries.rows(filter, scope, MessageSort.OLDEST_FIRST, cutoff, columns,
                    ExportQueries.Cells.CSV, null, names, zone), columns.size());
            assertThat(cells).hasSameSizeAs(values);
            var clock = new ZonedClock(zone);
            for (int r = 0; r < values.size(); r++) {
                for (int c = 0; c < columns.size(); c++) {
                    var value = values.get(r).get(c);
                    var expected = value == null ? null : switch (columns.get(c).kind) {
                        case TEXT -> CellText.neutralise((String) value);
                        case INSTANT -> clock.iso(((Number) value).longValue());
                        case NUMBER, BOOL -> value.toString();
                    };
                    if (!Objects.equals(cells.get(r).get(c), expected) && mismatches.size() < 10) {
                        mismatches.add(tenant + " row " + r + ", " + columns.get(c) + ": engine <" + cells.get(r).get(c)
                                + ">, Java <" + expected + ">");
                    }
                    compared++;
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(compared).isGreaterThan(100_000);
    }

    private List<List<Object>> rows(Sql sql, int width) {
        return store.query(sql, row -> {
            var out = new ArrayList<Object>(width);
            for (int i = 1; i <= width; i++) {
                out.add(row.readValue(i));
            }
            return out;
        });
    }
}
