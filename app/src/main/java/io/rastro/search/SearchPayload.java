package io.rastro.search;

/**
 * What saveSearch and updateSavedSearch return: the saved search, or an expected failure the client shows to the
 * person (GraphQL unions SaveSearchPayload and UpdateSavedSearchPayload; the type is the class's simple name).
 * Authorization and not-found are GraphQL errors instead.
 */
public sealed interface SearchPayload permits SavedSearch, SearchPayload.NameTaken, SearchPayload.InvalidSearch {

    /** The owner already has a saved search with this name, ignoring case. */
    record NameTaken(String name, String existingId, String message) implements SearchPayload {
    }

    /** The input does not make a valid saved search; {@code field} names the input at fault. */
    record InvalidSearch(String field, String message) implements SearchPayload {
    }
}
