package io.rastro.search;

import io.rastro.report.MessageFilterInput;
import io.rastro.report.SavedFilters;
import io.rastro.security.RastroPrincipal;
import org.springframework.stereotype.Component;

/**
 * The report's way into saved searches: {@code savedSearchId} on messages, conversations, counts and exports.
 * Not method-secured on purpose: the report passes the caller it has already authorized, and every check here is
 * made against that caller (visibility, scope, what still exists).
 */
@Component
public class SavedSearchFilters implements SavedFilters {

    private final SavedSearchService searches;
    private final SearchRules rules;
    private final PeriodResolver periods;

    public SavedSearchFilters(SavedSearchService searches, SearchRules rules, PeriodResolver periods) {
        this.searches = searches;
        this.rules = rules;
        this.periods = periods;
    }

    @Override
    public MessageFilterInput resolve(String savedSearchId, RastroPrincipal caller) {
        var search = searches.visible(savedSearchId, caller, SearchRules.USE_FIELD);
        rules.usable(search, caller);
        return search.period() == null ? search.filter()
                : SearchRules.withPeriod(search.filter(), periods.input(search.period()));
    }
}
