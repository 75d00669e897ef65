package io.rastro.search;

import io.rastro.report.FilterField;
import io.rastro.report.FilterValidator;
import io.rastro.report.MessageFilterInput;
import io.rastro.report.MessageFilterInput.PeriodInput;
import io.rastro.report.ReportService;
import io.rastro.security.RastroPrincipal;
import io.rastro.web.BadRequestException;
import io.rastro.web.ForbiddenException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * What makes a saved search valid, when it is saved and again when it is used. Failures are
 * {@link BadRequestException}s naming the input field (the service turns them into an InvalidSearch payload), or
 * {@link ForbiddenException}s for a subaccount outside the caller's scope.
 */
@Component
public class SearchRules {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_COLUMNS = 100;
    static final int MAX_COLUMN = 100;
    static final String USE_FIELD = "input.savedSearchId";

    private final FilterValidator filters;
    private final PeriodResolver periods;
    private final DirectoryCheck directory;
    private final Clock clock;

    public SearchRules(FilterValidator filters, PeriodResolver periods, DirectoryCheck directory, Clock clock) {
        this.filters = filters;
        this.periods = periods;
        this.directory = directory;
        this.clock = clock;
    }

    public String name(String raw, String field) {
        var name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new BadRequestException(field, "A name of 1 to " + MAX_NAME + " characters is required; "
                    + name.length() + " were given.");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException(field, "A name is one line of text without control characters.");
        }
        return name;
    }

    /** The key names are unique by, per owner. */
    public static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** Null or blank: none. */
    public String description(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var description = raw.strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw new BadRequestException(field, "A description is at most " + MAX_DESCRIPTION + " characters; "
                    + description.length() + " were given.");
        }
        return description;
    }

    /** Opaque names (the exports know them), only bounded: no blanks, no repeats. Null: none. */
    public List<String> columns(List<String> raw, String field) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_COLUMNS) {
            throw new BadRequestException(field, "At most " + MAX_COLUMNS + " columns may be saved.");
        }
        var out = new ArrayList<String>();
        var seen = new HashSet<String>();
        for (var c : raw) {
            var column = c == null ? "" : c.strip();
            if (column.isEmpty() || column.length() > MAX_COLUMN || column.chars().anyMatch(Character::isISOControl)) {
                throw new BadRequestException(field, "Column names are 1 to " + MAX_COLUMN
                        + " characters of one line.");
            }
            if (!seen.add(column)) {
                throw new BadRequestException(field, "Column '" + column + "' is listed twice.");
            }
            out.add(column);
        }
        return out;
    }

    /**
     * The period a search keeps after a save or an update: an absolute one from {@code filter.period}, a relative
     * one, none ({@code remove}), or else the current one. Only one way may be given.
     */
    public SavedPeriod period(PeriodInput absolute, SearchRequests.RelativePeriodInput relative, boolean remove,
                              SavedPeriod current) {
        if (absolute != null && relative != null) {
            throw new BadRequestException("input.relativePeriod", "Give the period one way: filter.period (fixed "
                    + "instants) or relativePeriod (moves with time), not both.");
        }
        if (remove && (absolute != null || relative != null)) {
            throw new BadRequestException("input.removePeriod",
                    "removePeriod cannot be combined with filter.period or relativePeriod.");
        }
        if (absolute != null) {
            if (absolute.from() == null || absolute.to() == null) {
                throw new BadRequestException("input.filter.period", "A period needs both from and to.");
            }
            return SavedPeriod.absolute(absolute.from().toInstant(), absolute.to().toInstant());
        }
        if (relative != null) {
            if (relative.range() == null) {
                throw new BadRequestException("input.relativePeriod.range", "A range such as LAST_7_DAYS is required.");
            }
            return SavedPeriod.relative(relative.range(), ReportService.zone(relative.timeZone(),
                    "input.relativePeriod.timeZone"));
        }
        return remove ? null : current;
    }

    /**
     * The filter as kept: no period (it is kept apart), empty lists as unset. Blank text stays, so that the
     * validation that follows refuses it as the report does.
     */
    public static MessageFilterInput clean(MessageFilterInput f) {
        if (f == null) {
            return MessageFilterInput.empty();
        }
        var kept = MessageFilterInput.builder();
        for (var field : FilterField.values()) {
            kept.with(field, field.kept(field.of(f)));
        }
        return kept.build();
    }

    /** The filter with a period set (the kept filter never has one of its own). */
    public static MessageFilterInput withPeriod(MessageFilterInput filter, PeriodInput period) {
        return MessageFilterInput.builder().period(period).build().over(filter);
    }

    /**
     * Validates a filter as the report will: with the period it resolves to now, or a placeholder hour when it
     * keeps none (the period is then given, and validated, at each use).
     *
     * @param relativeField where a relative period came from, so a period error names it rather than filter.period
     */
    public void filter(MessageFilterInput filter, SavedPeriod period, RastroPrincipal caller, String relativeField) {
        PeriodInput placeholder;
        if (period == null) {
            var now = clock.instant().atOffset(ZoneOffset.UTC);
            placeholder = new PeriodInput(now.minus(Duration.ofHours(1)), now);
        } else {
            placeholder = periods.input(period);
        }
        try {
            filters.validate(withPeriod(filter, placeholder), caller.scope(), "input.filter");
        } catch (BadRequestException e) {
            if (period != null && period.kind() == SavedPeriod.Kind.RELATIVE && "input.filter.period".equals(e.field())) {
                throw new BadRequestException(relativeField, e.getMessage());
            }
            throw e;
        }
    }

    /** Everything the filter names exists in the caller's account. */
    public void exists(MessageFilterInput filter, String accountId) {
        var subaccounts = directory.missingSubaccounts(accountId, filter.subaccounts());
        if (!subaccounts.isEmpty()) {
            throw new BadRequestException("input.filter.subaccounts", "No such subaccount: " + quoted(subaccounts) + ".");
        }
        var campaigns = directory.missingCampaigns(accountId, filter.campaigns());
        if (!campaigns.isEmpty()) {
            throw new BadRequestException("input.filter.campaigns", "No such campaign: " + quoted(campaigns) + ".");
        }
    }

    /**
     * A saved search may be used by this caller now: every subaccount it names is in the caller's scope (checked
     * first, so a caller learns nothing about subaccounts outside it), and every subaccount and campaign it names
     * still exists. Refused whole even when the inline filter would override the field: the search itself is
     * out of date, and saying so beats a report that silently differs from what its name promises.
     */
    public void usable(SavedSearch search, RastroPrincipal caller) {
        var subaccounts = search.filter().subaccounts() == null ? List.<String>of() : search.filter().subaccounts();
        var scope = caller.scope();
        for (var id : subaccounts) {
            if (!scope.allows(id)) {
                throw new ForbiddenException(USE_FIELD, "Saved search '" + search.name() + "' is limited to subaccount '"
                        + id + "', which you may not see. Ask its owner to change it, or save your own.");
            }
        }
        var goneSubaccounts = directory.missingSubaccounts(caller.accountId(), subaccounts);
        if (!goneSubaccounts.isEmpty()) {
            throw gone(search, "subaccount", goneSubaccounts);
        }
        var goneCampaigns = directory.missingCampaigns(caller.accountId(), search.filter().campaigns());
        if (!goneCampaigns.isEmpty()) {
            throw gone(search, "campaign", goneCampaigns);
        }
    }

    private static BadRequestException gone(SavedSearch search, String kind, List<String> ids) {
        return new BadRequestException(USE_FIELD, "Saved search '" + search.name() + "' names " + kind + " "
                + quoted(ids) + (ids.size() == 1 ? ", which no longer exists" : ", which no longer exist")
                + ". Update the saved search or delete it.");
    }

    private static String quoted(List<String> ids) {
        return String.join(", ", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
