package io.rastro.search;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.MessageFilterInput;
import io.rastro.store.RowVersions;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code rastro.saved_searches}. Every write is one whole row with a higher version; every read
 * uses FINAL and filters deleted and visibility after it, so the latest version decides and the next read sees
 * an edit or a deletion. Every statement names the account.
 */
@Component
public class SavedSearchStore {

    private static final String COLUMNS = """
            search_id, account_id, owner, name, description, shared, filter, toString(period_kind) AS period_kind,
            relative, time_zone, period_from, period_to, columns, sort, created_at, updated_at""";

    /** Unknown fields are ignored so a filter saved by a later version of the report still loads. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Store store;
    private final Clock clock;

    public SavedSearchStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The searches the user sees: their own and the account's shared ones, by name. */
    public List<SavedSearch> visible(String accountId, String user) {
        return store.query(Sql.of("SELECT " + COLUMNS + """
                         FROM rastro.saved_searches FINAL
                        WHERE account_id = {account:String} AND NOT deleted AND (owner = {user:String} OR shared)
                        ORDER BY lowerUTF8(name), owner, search_id""")
                .bind("account", accountId).bind("user", user), SavedSearchStore::map);
    }

    /** One search if the user sees it. */
    public Optional<SavedSearch> find(String accountId, String user, String id) {
        return store.queryOne(Sql.of("SELECT " + COLUMNS + """
                         FROM rastro.saved_searches FINAL
                        WHERE account_id = {account:String} AND search_id = {id:String} AND NOT deleted
                          AND (owner = {user:String} OR shared)""")
                .bind("account", accountId).bind("id", id).bind("user", user), SavedSearchStore::map);
    }

    /** Every search one person owns, shared or not: what a name must be unique among. */
    public List<SavedSearch> ownedBy(String accountId, String owner) {
        return store.query(Sql.of("SELECT " + COLUMNS + """
                         FROM rastro.saved_searches FINAL
                        WHERE account_id = {account:String} AND NOT deleted AND owner = {owner:String}""")
                .bind("account", accountId).bind("owner", owner), SavedSearchStore::map);
    }

    public void write(SavedSearch s) {
        insert(s, false);
    }

    public void delete(SavedSearch s) {
        insert(s, true);
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void insert(SavedSearch s, boolean deleted) {
        var period = s.period();
        var absolute = period != null && period.kind() == SavedPeriod.Kind.ABSOLUTE;
        var relative = period != null && period.kind() == SavedPeriod.Kind.RELATIVE;
        store.execute(Sql.of("""
                        INSERT INTO rastro.saved_searches (account_id, search_id, owner, name, description, shared,
                            filter, period_kind, relative, time_zone, period_from, period_to, columns, sort,
                            created_at, updated_at, version, deleted)
                        SELECT {account:String}, {id:String}, {owner:String}, {name:String}, {description:String},
                            {shared:Bool}, {filter:String}, {kind:String}, {relative:String}, {zone:String},
                            {from:Nullable(DateTime64(3, 'UTC'))}, {to:Nullable(DateTime64(3, 'UTC'))},
                            {columns:Array(String)}, {sort:String}, {created:DateTime64(3, 'UTC')},
                            {updated:DateTime64(3, 'UTC')}, {version:UInt64}, {deleted:Bool}""")
                .bind("account", s.accountId()).bind("id", s.id()).bind("owner", s.owner()).bind("name", s.name())
                .bind("description", s.description() == null ? "" : s.description()).bind("shared", s.shared())
                .bind("filter", JSON.writeValueAsString(s.filter()))
                .bind("kind", period == null ? "NONE" : period.kind().name())
                .bind("relative", relative ? period.relative().name() : "")
                .bind("zone", relative ? period.zone().getId() : "")
                .bind("from", absolute ? period.from() : null).bind("to", absolute ? period.to() : null)
                .bind("columns", s.columns()).bind("sort", s.sort() == null ? "" : s.sort().name())
                .bind("created", s.createdAt().toInstant()).bind("updated", s.updatedAt().toInstant())
                .bind("version", RowVersions.next()).bind("deleted", deleted));
    }

    private static SavedSearch map(ClickHouseBinaryFormatReader row) {
        var period = switch (row.getString("period_kind")) {
            case "ABSOLUTE" -> SavedPeriod.absolute(row.getInstant("period_from"), row.getInstant("period_to"));
            case "RELATIVE" -> SavedPeriod.relative(RelativePeriod.valueOf(row.getString("relative")),
                    ZoneId.of(row.getString("time_zone")));
            default -> null;
        };
        var description = row.getString("description");
        var sort = row.getString("sort");
        return new SavedSearch(row.getString("search_id"), row.getString("account_id"), row.getString("owner"),
                row.getString("name"), description.isEmpty() ? null : description, row.getBoolean("shared"),
                JSON.readValue(row.getString("filter"), MessageFilterInput.class), period,
                row.<String>getList("columns"), sort.isEmpty() ? null : MessageSort.valueOf(sort),
                row.getInstant("created_at").atOffset(ZoneOffset.UTC),
                row.getInstant("updated_at").atOffset(ZoneOffset.UTC));
    }
}
