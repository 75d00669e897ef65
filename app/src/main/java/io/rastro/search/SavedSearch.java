package io.rastro.search;

import io.rastro.report.Enums.MessageSort;
import io.rastro.report.MessageFilterInput;
import io.rastro.security.RastroPrincipal;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A saved search as stored and as GraphQL shows it (its {@code period} and {@code editable} fields are computed
 * per request by the controller).
 *
 * @param accountId the tenant; never shown
 * @param owner     the user id (e-mail) of the person who saved it
 * @param filter    the filter without its period; unset fields null
 * @param period    the kept period, or null when each use gives one
 * @param columns   report/export columns in order; opaque here
 * @param sort      the order, or null for the default
 */
public record SavedSearch(String id, String accountId, String owner, String name, String description, boolean shared,
                          MessageFilterInput filter, SavedPeriod period, List<String> columns, MessageSort sort,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt) implements SearchPayload {

    public SavedSearch {
        columns = List.copyOf(columns);
    }

    /** Whether the caller sees it at all: the same account, and theirs or shared. */
    public boolean visibleTo(RastroPrincipal caller) {
        return accountId.equals(caller.accountId()) && (shared || owner.equals(caller.name()));
    }

    /**
     * Whether the caller may change or delete it: its owner, or an account administrator when it is shared (so a
     * search shared by someone who left can be tidied up). Another person's private search stays private even to
     * administrators: they cannot see it at all.
     */
    public boolean editableBy(RastroPrincipal caller) {
        return visibleTo(caller) && (owner.equals(caller.name()) || (shared && caller.isAdmin()));
    }
}
