package io.rastro.search;

import io.rastro.report.MessageFilterInput.PeriodInput;
import io.rastro.search.RelativePeriod.Range;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Resolves a saved period to the instants it covers at the moment of use. "Now" is read from the injected clock
 * and cut to milliseconds, the precision messages are stored with, so the period a caller is shown is exactly the
 * one that ran.
 */
@Component
public class PeriodResolver {

    private final Clock clock;

    public PeriodResolver(Clock clock) {
        this.clock = clock;
    }

    public Range resolve(SavedPeriod period) {
        return switch (period.kind()) {
            case ABSOLUTE -> new Range(period.from(), period.to());
            case RELATIVE -> period.relative().resolve(clock.instant().truncatedTo(ChronoUnit.MILLIS), period.zone());
        };
    }

    /** The resolved period as the report's input takes it (UTC offsets). */
    public PeriodInput input(SavedPeriod period) {
        var range = resolve(period);
        return new PeriodInput(range.from().atOffset(ZoneOffset.UTC), range.to().atOffset(ZoneOffset.UTC));
    }

    /** How the GraphQL type SavedPeriod shows a period: its definition and what it covers now. */
    public record View(SavedPeriod.Kind kind, RelativePeriod relative, String timeZone, OffsetDateTime from,
                       OffsetDateTime to) {
    }

    public View view(SavedPeriod period) {
        var range = input(period);
        return new View(period.kind(), period.relative(), period.zone() == null ? null : period.zone().getId(),
                range.from(), range.to());
    }
}
