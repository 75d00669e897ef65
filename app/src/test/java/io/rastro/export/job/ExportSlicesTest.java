package io.rastro.export.job;

import io.rastro.export.job.ExportQueries.Slice;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportSlicesTest {

    private static final Instant D1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant D2 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant D3 = Instant.parse("2026-11-03T00:00:00Z");
    private static final Instant D4 = Instant.parse("2026-11-04T00:00:00Z");
    private static final Instant D5 = Instant.parse("2026-11-05T00:00:00Z");

    private static ExportSlices.DayCount day(Instant day, long rows) {
        return new ExportSlices.DayCount(day, rows);
    }

    @Test
    void newestFirstJoinsNeighbouringDaysUpToTheTargetAndSkipsEmptyOnes() {
        var slices = ExportSlices.of(List.of(day(D1, 150_000), day(D2, 0), day(D3, 30_000), day(D4, 120_000)),
                true, null);
        assertThat(slices).containsExactly(
                new Slice(D3, D5, null),   // Nov 4 + Nov 3: 150,000 rows
                new Slice(D1, D2, null));  // Nov 1 alone: joining it would pass the target
    }

    @Test
    void oldestFirstRunsForward() {
        var slices = ExportSlices.of(List.of(day(D3, 10), day(D1, 10), day(D2, 10)), false, null);
        assertThat(slices).containsExactly(new Slice(D1, D4, null));
    }

    @Test
    void aCapTakesOnlyTheNewestDaysItNeedsAndLimitsTheLastSlice() {
        var slices = ExportSlices.of(List.of(day(D1, 9_000), day(D2, 9_000), day(D3, 9_000), day(D4, 9_000)),
                true, 10_000L);
        assertThat(slices).containsExactly(new Slice(D3, D5, 10_000L));
        assertThat(ExportSlices.of(List.of(day(D4, 10_000), day(D3, 5)), true, 10_000L))
                .containsExactly(new Slice(D4, D5, null));
    }

    @Test
    void aDayLargerThanTheTargetIsOneSliceAndNothingMatchedIsNoSlice() {
        assertThat(ExportSlices.of(List.of(day(D2, 900_000), day(D1, 1)), true, null))
                .containsExactly(new Slice(D2, D3, null), new Slice(D1, D2, null));
        assertThat(ExportSlices.of(List.of(), true, null)).isEmpty();
    }
}
