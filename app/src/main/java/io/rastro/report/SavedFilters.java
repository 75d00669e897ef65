package io.rastro.report;

import io.rastro.security.RastroPrincipal;

/**
 * Resolves a saved search id into the filter it keeps (the search package implements it). The report merges an
 * inline filter over it: fields set inline win.
 */
public interface SavedFilters {

    /** The saved filter with its period resolved to absolute instants; NotFoundException if not visible. */
    MessageFilterInput resolve(String savedSearchId, RastroPrincipal caller);
}
