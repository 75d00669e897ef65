package io.rastro.export.job;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import io.rastro.InstanceId;
import io.rastro.export.ExportColumn;
import io.rastro.export.ExportFormat;
import io.rastro.export.ExportLocale;
import io.rastro.report.Enums.MessageSort;
import io.rastro.store.RowVersions;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Export jobs in {@code rastro.export_jobs}: each save writes a new version of the job's row, reads use FINAL.
 * Every read names the account, so callers pass the account of the authenticated principal.
 */
@Component
public class ExportJobStore {

    private static final String COLUMNS = """
            account_id, job_id, owner, format, status, period_from, period_to, time_zone, locale, sort, columns,
            cutoff, matched_rows, total_rows, rows_written, bytes, truncated, truncation_message, failure,
            created_at, started_at, finished_at, expires_at, data_as_of""";

    private final Store store;
    private final InstanceId instance;

    /**
     * Added to the version of a finished job's row (DONE, FAILED, CANCELLED, EXPIRED), so that no later save of
     * an unfinished state outranks it: with several instances, the one running a job may still write progress
     * after another instance cancelled it, or a clock may lag another's. A finished job never runs again.
     */
    static final long FINISHED = 1L << 62;

    /** An unfinished job, the instance that last wrote it and when (its heartbeat). */
    public record Unfinished(ExportJob job, String instance, Instant heartbeat) {
    }

    public ExportJobStore(Store store, InstanceId instance) {
        this.store = store;
        this.instance = instance;
    }

    public void save(ExportJob job) {
        var asked = job.request();
        var at = job.state();
        var version = RowVersions.next() + (job.status().finished() ? FINISHED : 0);
        // INSERT ... SELECT, not VALUES: the embedded engine (clickhouse-local inside) appends the process's stdin
        // to the inline data of an INSERT ... VALUES when stdin is a pipe (under Maven Surefire it carries the
        // test runner's commands), and its default async_insert = 1 path refuses inline data plus stdin. A
        // SELECT has no data stream to append to, and it is synchronous, so the row is there when save returns.
        store.execute(Sql.of("INSERT INTO rastro.export_jobs (" + COLUMNS + """
                        , instance, version)
                        SELECT {account:String}, {id:String}, {owner:String}, {format:String}, {status:String},
                               {period_from:DateTime64(3, 'UTC')}, {period_to:DateTime64(3, 'UTC')}, {zone:String},
                               {locale:String}, {sort:String}, {columns:Array(String)}, {cutoff:DateTime64(3, 'UTC')},
                               {matched:Nullable(UInt64)}, {total:Nullable(UInt64)}, {rows:UInt64}, {bytes:UInt64},
                               {truncated:Bool}, {truncation:String}, {failure:String},
                               {created:DateTime64(3, 'UTC')}, {started:Nullable(DateTime64(3, 'UTC'))},
                               {finished:Nullable(DateTime64(3, 'UTC'))}, {expires:Nullable(DateTime64(3, 'UTC'))},
                               {as_of:DateTime64(3, 'UTC')}, {instance:String}, {version:UInt64}""")
                .bind("account", asked.accountId()).bind("id", asked.id()).bind("owner", asked.owner())
                .bind("format", asked.format()).bind("status", at.status())
                .bind("period_from", asked.periodFrom()).bind("period_to", asked.periodTo())
                .bind("zone", asked.timeZone()).bind("locale", asked.locale()).bind("sort", asked.sort())
                .bind("columns", asked.columns().stream().map(Enum::name).toList()).bind("cutoff", asked.cutoff())
                .bind("matched", at.matchedRows()).bind("total", at.totalRows())
                .bind("rows", at.rowsWritten()).bind("bytes", at.bytes()).bind("truncated", at.truncated())
                .bind("truncation", nullToEmpty(at.truncationMessage())).bind("failure", nullToEmpty(at.failure()))
                .bind("created", asked.createdAt()).bind("started", at.startedAt())
                .bind("finished", at.finishedAt()).bind("expires", at.expiresAt()).bind("as_of", asked.dataAsOf())
                .bind("instance", instance.id())
                .bind("version", version));
    }

    public Optional<ExportJob> find(String accountId, String id) {
        return store.queryOne(Sql.of("SELECT " + COLUMNS + " FROM rastro.export_jobs FINAL "
                + "WHERE account_id = {account:String} AND job_id = {id:String}")
                .bind("account", accountId).bind("id", id), ExportJobStore::map);
    }

    /** An account's jobs, newest first; only {@code owner}'s when it is not null. */
    public List<ExportJob> list(String accountId, String owner, int limit) {
        var sql = Sql.of("SELECT " + COLUMNS + " FROM rastro.export_jobs FINAL WHERE account_id = {account:String}"
                + (owner == null ? "" : " AND owner = {owner:String}")
                + " ORDER BY created_at DESC, job_id DESC LIMIT {limit:UInt32}")
                .bind("account", accountId).bind("limit", limit);
        return store.query(owner == null ? sql : sql.bind("owner", owner), ExportJobStore::map);
    }

    /**
     * Jobs of every account still QUEUED or RUNNING according to the store, with the instance that wrote them last
     * and when: an unfinished job's version is the time of its last save, in microseconds.
     */
    public List<Unfinished> unfinished() {
        return store.query(Sql.of("SELECT " + COLUMNS + ", instance, version FROM rastro.export_jobs FINAL "
                + "WHERE status IN ('QUEUED', 'RUNNING')"), row -> new Unfinished(map(row), row.getString("instance"),
                Instant.EPOCH.plus(row.getLong("version"), java.time.temporal.ChronoUnit.MICROS)));
    }

    /** DONE jobs of every account whose file expired at or before {@code now}. */
    public List<ExportJob> expired(Instant now) {
        return store.query(Sql.of("SELECT " + COLUMNS + " FROM rastro.export_jobs FINAL "
                + "WHERE status = 'DONE' AND expires_at <= {now:DateTime64(3, 'UTC')}").bind("now", now),
                ExportJobStore::map);
    }

    private static ExportJob map(ClickHouseBinaryFormatReader row) {
        var cutoff = row.getInstant("cutoff");
        var request = new ExportJob.Request(row.getString("job_id"), row.getString("account_id"),
                row.getString("owner"), ExportFormat.valueOf(row.getString("format")),
                row.getInstant("period_from"), row.getInstant("period_to"), row.getString("time_zone"),
                ExportLocale.valueOf(row.getString("locale")), MessageSort.valueOf(row.getString("sort")),
                row.<String>getList("columns").stream().map(ExportColumn::valueOf).toList(), cutoff,
                // Jobs stored before migration 012 kept no freshness: their snapshot is all they can say.
                row.hasValue("data_as_of") ? row.getInstant("data_as_of") : cutoff, row.getInstant("created_at"));
        var state = new ExportJob.State(ExportStatus.valueOf(row.getString("status")),
                row.hasValue("matched_rows") ? row.getLong("matched_rows") : null,
                row.hasValue("total_rows") ? row.getLong("total_rows") : null,
                row.getLong("rows_written"), row.getLong("bytes"),
                emptyToNull(row.getString("truncation_message")), emptyToNull(row.getString("failure")),
                instant(row, "started_at"), instant(row, "finished_at"), instant(row, "expires_at"));
        return new ExportJob(request, state);
    }

    private static Instant instant(ClickHouseBinaryFormatReader row, String column) {
        return row.hasValue(column) ? row.getInstant(column) : null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
