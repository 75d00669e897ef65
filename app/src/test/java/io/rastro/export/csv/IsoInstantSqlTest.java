package io.rastro.export.csv;

import io.rastro.TestEngine;
import io.rastro.export.ZonedClock;
import io.rastro.store.Sql;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's ISO text of an instant must be exactly {@link ZonedClock#iso}'s, on both sides of every clock change
 * of a zone since 1980 (the engine rounds some older offsets, such as Liberia's -00:44:30), in zones with half- and
 * quarter-hour offsets, with offsets that changed for good (Moscow, Kathmandu), across the date line (Apia, which
 * skipped a day in 2011, and Kiritimati) and with NULL.
 */
class IsoInstantSqlTest {

    private static final Instant FROM = Instant.parse("1980-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2045-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTC", "America/Sao_Paulo", "America/New_York", "Europe/London", "Europe/Moscow",
            "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Apia",
            "Pacific/Kiritimati"})
    void theEngineWritesEveryInstantAsZonedClockDoes(String zoneId) {
        var zone = ZoneId.of(zoneId);
        var instants = instants(zone);
        var iso = IsoInstantSql.of(zone);
        var clock = new ZonedClock(zone);
        var expected = new ArrayList<String>();
        for (var ms : instants) {
            expected.add(ms == 0 ? null : clock.iso(ms));
        }
        assertThat(render(iso, instants)).containsExactlyElementsOf(expected);
    }

    /** Each clock change of the zone, a millisecond either side, plus spread-out instants and one NULL (0). */
    private static List<Long> instants(ZoneId zone) {
        var out = new ArrayList<Long>();
        out.add(0L);
        var rules = zone.getRules();
        for (var t = rules.nextTransition(FROM); t != null && t.getInstant().isBefore(TO);
             t = rules.nextTransition(t.getInstant())) {
            var ms = t.getInstant().toEpochMilli();
            out.addAll(List.of(ms - 1, ms, ms + 1));
        }
        var random = new Random(7);
        for (int i = 0; i < 500; i++) {
            out.add(FROM.toEpochMilli() + (long) (random.nextDouble() * (TO.toEpochMilli() - FROM.toEpochMilli())));
        }
        return out;
    }

    private static List<String> render(IsoInstantSql instants, List<Long> epochMs) {
        var sql = Sql.of("SELECT " + instants.expression("t") + " AS text FROM ("
                        + "SELECT i, if(ms = 0, NULL, fromUnixTimestamp64Milli(ms, 'UTC')) AS t "
                        + "FROM (SELECT arrayJoin(arrayEnumerate({ms:Array(Int64)})) AS i, {ms:Array(Int64)}[i] AS ms)"
                        + ") ORDER BY i")
                .bind("ms", epochMs).setting("formatdatetime_f_prints_scale_number_of_digits", 1);
        return TestEngine.store().query(instants.bind(sql), row -> row.getString("text"));
    }
}
