package io.rastro.search;

/** What deleteSavedSearch returns (GraphQL DeleteSavedSearchPayload): the id that is gone. */
public record DeletedSearch(String id) {
}
