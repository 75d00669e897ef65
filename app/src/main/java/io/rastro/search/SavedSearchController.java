package io.rastro.search;

import io.rastro.search.SearchRequests.DeleteSavedSearchInput;
import io.rastro.search.SearchRequests.SaveSearchInput;
import io.rastro.search.SearchRequests.UpdateSavedSearchInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** The saved-search GraphQL operations; thin, all work is in {@link SavedSearchService}. */
@Controller
public class SavedSearchController {

    private final SavedSearchService searches;
    private final PeriodResolver periods;

    public SavedSearchController(SavedSearchService searches, PeriodResolver periods) {
        this.searches = searches;
        this.periods = periods;
    }

    @QueryMapping
    public List<SavedSearch> savedSearches() {
        return searches.list();
    }

    @QueryMapping
    public SavedSearch savedSearch(@Argument String id) {
        return searches.get(id);
    }

    @MutationMapping
    public SearchPayload saveSearch(@Argument SaveSearchInput input) {
        return searches.save(input);
    }

    @MutationMapping
    public SearchPayload updateSavedSearch(@Argument UpdateSavedSearchInput input) {
        return searches.update(input);
    }

    @MutationMapping
    public DeletedSearch deleteSavedSearch(@Argument DeleteSavedSearchInput input) {
        return searches.delete(input);
    }

    /** A relative period is shown with what it covers at this request. */
    @SchemaMapping(typeName = "SavedSearch", field = "period")
    public PeriodResolver.View period(SavedSearch search) {
        return search.period() == null ? null : periods.view(search.period());
    }

    @SchemaMapping(typeName = "SavedSearch", field = "editable")
    public boolean editable(SavedSearch search) {
        return searches.editable(search);
    }
}
