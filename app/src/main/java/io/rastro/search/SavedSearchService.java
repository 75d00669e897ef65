package io.rastro.search;

import io.rastro.security.CurrentPrincipal;
import io.rastro.security.RastroPrincipal;
import io.rastro.security.Role;
import io.rastro.search.SearchPayload.InvalidSearch;
import io.rastro.search.SearchPayload.NameTaken;
import io.rastro.search.SearchRequests.DeleteSavedSearchInput;
import io.rastro.search.SearchRequests.SaveSearchInput;
import io.rastro.search.SearchRequests.UpdateSavedSearchInput;
import io.rastro.web.BadRequestException;
import io.rastro.web.ForbiddenException;
import io.rastro.web.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The saved-search operations. The account and the owner always come from the authenticated principal. A search
 * another tenant owns, or another person's private one, is NOT_FOUND (its existence is not revealed); one the
 * caller sees but may not change is FORBIDDEN.
 */
@Service
public class SavedSearchService {

    /** Bounds what one person's list can grow to. */
    static final int MAX_PER_OWNER = 200;
    private static final int MAX_ID = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SavedSearchStore store;
    private final SearchRules rules;
    /**
     * Writes of one account run one at a time, so a name checked as free is still free when the row is written
     * and an update cannot bring back a search deleted meanwhile. Writes are rare; striping keeps tenants apart.
     * (Within one process: several instances writing the same account's searches would need the engine's help.)
     */
    private final ReentrantLock[] writeLocks = new ReentrantLock[32];

    public SavedSearchService(SavedSearchStore store, SearchRules rules) {
        this.store = store;
        this.rules = rules;
        for (int i = 0; i < writeLocks.length; i++) {
            writeLocks[i] = new ReentrantLock();
        }
    }

    @PreAuthorize("hasRole('REPORT')")
    public List<SavedSearch> list() {
        var caller = CurrentPrincipal.require();
        return store.visible(caller.accountId(), caller.name());
    }

    @PreAuthorize("hasRole('REPORT')")
    public SavedSearch get(String id) {
        return visible(id, CurrentPrincipal.require(), "id");
    }

    /**
     * A saved search the given caller sees, for the report and exports (which pass the caller they already
     * checked); NOT_FOUND otherwise, naming {@code field}.
     */
    public SavedSearch visible(String id, RastroPrincipal caller, String field) {
        if (caller.role() == Role.INGEST_TOKEN) {
            throw new ForbiddenException(field, "Ingestion tokens cannot read saved searches.");
        }
        if (id == null || id.isBlank() || id.length() > MAX_ID) {
            throw new NotFoundException(field, "A saved search id such as ss_3f2a... is required.");
        }
        return store.find(caller.accountId(), caller.name(), id.strip())
                .orElseThrow(() -> new NotFoundException(field, "No saved search with id '" + id.strip()
                        + "' is visible to you."));
    }

    @PreAuthorize("hasRole('REPORT')")
    public boolean editable(SavedSearch search) {
        return search.editableBy(CurrentPrincipal.require());
    }

    @PreAuthorize("hasRole('REPORT')")
    public SearchPayload save(SaveSearchInput input) {
        var caller = person();
        return locked(caller.accountId(), () -> {
            SavedSearch search;
            try {
                var name = rules.name(input.name(), "input.name");
                var description = rules.description(input.description(), "input.description");
                var columns = rules.columns(input.columns(), "input.columns");
                var filter = SearchRules.clean(input.filter());
                var period = rules.period(input.filter() == null ? null : input.filter().period(),
                        input.relativePeriod(), false, null);
                // Existence first: a subaccount the account does not have is a mistake to show in the payload;
                // the scope check after it turns one the caller may not see into FORBIDDEN.
                rules.exists(filter, caller.accountId());
                rules.filter(filter, period, caller, "input.relativePeriod.range");
                var now = store.now().atOffset(ZoneOffset.UTC);
                search = new SavedSearch(newId(), caller.accountId(), caller.name(), name, description,
                        Boolean.TRUE.equals(input.shared()), filter, period, columns, input.sort(), now, now);
            } catch (BadRequestException e) {
                return invalid(e);
            }
            var owned = store.ownedBy(caller.accountId(), caller.name());
            if (owned.size() >= MAX_PER_OWNER) {
                return new InvalidSearch("input", "You keep " + owned.size() + " saved searches, the most one person "
                        + "may; delete some first.");
            }
            var taken = nameTaken(owned, search);
            if (taken != null) {
                return taken;
            }
            store.write(search);
            return search;
        });
    }

    @PreAuthorize("hasRole('REPORT')")
    public SearchPayload update(UpdateSavedSearchInput input) {
        var caller = person();
        return locked(caller.accountId(), () -> {
            var current = editableOrFail(input.id(), caller);
            SavedSearch changed;
            try {
                var name = input.name() == null ? current.name() : rules.name(input.name(), "input.name");
                var description = input.description() == null ? current.description()
                        : rules.description(input.description(), "input.description");
                var columns = input.columns() == null ? current.columns()
                        : rules.columns(input.columns(), "input.columns");
                var filterChanged = input.filter() != null;
                var filter = filterChanged ? SearchRules.clean(input.filter()) : current.filter();
                var period = rules.period(filterChanged ? input.filter().period() : null, input.relativePeriod(),
                        Boolean.TRUE.equals(input.removePeriod()), current.period());
                if (filterChanged) {
                    rules.exists(filter, caller.accountId());
                }
                if (filterChanged || !Objects.equals(period, current.period())) {
                    rules.filter(filter, period, caller, "input.relativePeriod.range");
                }
                changed = new SavedSearch(current.id(), current.accountId(), current.owner(), name, description,
                        input.shared() == null ? current.shared() : input.shared(), filter, period, columns,
                        input.sort() == null ? current.sort() : input.sort(), current.createdAt(),
                        store.now().atOffset(ZoneOffset.UTC));
            } catch (BadRequestException e) {
                return invalid(e);
            }
            var taken = nameTaken(store.ownedBy(current.accountId(), current.owner()), changed);
            if (taken != null) {
                return taken;
            }
            store.write(changed);
            return changed;
        });
    }

    @PreAuthorize("hasRole('REPORT')")
    public DeletedSearch delete(DeleteSavedSearchInput input) {
        var caller = person();
        return locked(caller.accountId(), () -> {
            var current = editableOrFail(input.id(), caller);
            store.delete(current);
            return new DeletedSearch(current.id());
        });
    }

    /** Saved searches belong to people: a read token has no person to own them and stays read-only. */
    private static RastroPrincipal person() {
        var caller = CurrentPrincipal.require();
        if (caller.role() != Role.ADMIN && caller.role() != Role.SUBACCOUNT_USER) {
            throw new ForbiddenException("API tokens cannot save, change or delete saved searches.");
        }
        return caller;
    }

    private SavedSearch editableOrFail(String id, RastroPrincipal caller) {
        var current = visible(id, caller, "input.id");
        if (!current.editableBy(caller)) {
            throw new ForbiddenException("input.id", "Saved search '" + current.name() + "' belongs to "
                    + current.owner() + "; only they (or an account administrator, as it is shared) may change it.");
        }
        return current;
    }

    /** Another of the owner's searches with the same name, ignoring case; null when the name is free. */
    private static NameTaken nameTaken(List<SavedSearch> owned, SavedSearch candidate) {
        var key = SearchRules.nameKey(candidate.name());
        return owned.stream()
                .filter(s -> !s.id().equals(candidate.id()) && SearchRules.nameKey(s.name()).equals(key))
                .findFirst()
                .map(s -> new NameTaken(candidate.name(), s.id(), "A saved search named '" + s.name()
                        + "' already exists; choose another name or update that one."))
                .orElse(null);
    }

    private static InvalidSearch invalid(BadRequestException e) {
        return new InvalidSearch(e.field() == null ? "input" : e.field(), e.getMessage());
    }

    private <T> T locked(String accountId, Supplier<T> work) {
        var lock = writeLocks[Math.floorMod(accountId.hashCode(), writeLocks.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private static String newId() {
        var bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "ss_" + HexFormat.of().formatHex(bytes);
    }
}
