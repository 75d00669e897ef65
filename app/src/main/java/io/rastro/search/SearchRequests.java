package io.rastro.search;

import io.rastro.report.Enums.MessageSort;
import io.rastro.report.MessageFilterInput;

import java.util.List;

/** The inputs of the saved-search mutations, as GraphQL binds them. */
public final class SearchRequests {

    private SearchRequests() {
    }

    public record RelativePeriodInput(RelativePeriod range, String timeZone) {
    }

    public record SaveSearchInput(String name, String description, Boolean shared, MessageFilterInput filter,
                                  RelativePeriodInput relativePeriod, List<String> columns, MessageSort sort) {
    }

    /** Null fields stay as they are. */
    public record UpdateSavedSearchInput(String id, String name, String description, Boolean shared,
                                         MessageFilterInput filter, RelativePeriodInput relativePeriod,
                                         Boolean removePeriod, List<String> columns, MessageSort sort) {
    }

    public record DeleteSavedSearchInput(String id) {
    }
}
