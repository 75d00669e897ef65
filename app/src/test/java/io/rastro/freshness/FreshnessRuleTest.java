package io.rastro.freshness;

import io.rastro.freshness.Freshness.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The rule that turns sources into dataAsOf, case by case. */
class FreshnessRuleTest {

    static final Instant T = Instant.parse("2026-12-06T14:00:00Z");

    static Source active(String name, int minutes) {
        return new Source(name, T.plusSeconds(60L * minutes), T, true);
    }

    static Source quiet(String name, int minutes) {
        return new Source(name, T.plusSeconds(60L * minutes), T.minusSeconds(3 * 86_400), false);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return Stream.of(
                arguments("nothing ever ingested", List.of(), null),
                arguments("one source: its watermark", List.of(active("a", 32)), T.plusSeconds(32 * 60)),
                arguments("the slowest active source bounds it",
                        List.of(active("a", 32), active("b", 5), active("c", 40)), T.plusSeconds(5 * 60)),
                arguments("a quiet source no longer holds it back",
                        List.of(active("a", 32), quiet("old", -600)), T.plusSeconds(32 * 60)),
                arguments("all quiet: the newest watermark of any",
                        List.of(quiet("a", -600), quiet("b", -30)), T.minusSeconds(30 * 60)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dataAsOf(String name, List<Source> sources, Instant expected) {
        assertThat(Freshness.dataAsOf(sources)).isEqualTo(expected);
    }
}
