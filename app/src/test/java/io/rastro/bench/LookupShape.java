package io.rastro.bench;

import io.rastro.report.MessageColumns;
import io.rastro.store.Sql;
import io.rastro.store.Store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diagnostic, not a target: how far workload 3's statement (a phone's page with its total, 90 days) moves with
 * the two shapes a point lookup can be given inside the column store, measured on the engine alone, interleaved:
 * <ul>
 *   <li>fewer columns read: those of the ten fields a first paint of the table shows (workload 3-paint), against
 *       every column of a report row
 *       (and the id alone, the floor of the shape);</li>
 *   <li>smaller granules: the account's rows of the period copied (untimed) into a table like
 *       {@code rastro.messages} but with {@code index_granularity = 1024} instead of 8192, so that the two rows
 *       found cost 1,024 values per column read instead of 8,192.</li>
 * </ul>
 * The copy is dropped at the end. The text of each variant is the service's own statement
 * ({@code ReportQueries.page}) with only its select list or its table replaced, and each must return the same
 * message ids as the service's statement, else the row says MISMATCH. {@code index_granularity} cannot be altered
 * on an existing table, so the second shape would need a new table and a copy of every row.
 */
final class LookupShape implements Workload {

    static final String COPY = "bench.messages_g1024";

    /** What the first paint of the report table reads: the columns of {@link Documents#FIRST_PAINT}'s ten fields. */
    static final String FIRST_PAINT = MessageColumns.select(Documents.columns(Documents.FIRST_PAINT));

    @Override
    public String id() {
        return "floor-shape";
    }

    @Override
    public String title() {
        return "workload 3's statement with fewer columns and smaller granules (engine alone)";
    }

    @Override
    public WorkloadResult run(BenchContext ctx) throws Exception {
        var store = ctx.store();
        var scope = ctx.scope();
        var filter = ctx.validator().validate(new PhoneLookup().filter(ctx), scope, "input.filter");
        var service = ctx.queries().page(filter, scope, null, PageWorkload.PAGE_SIZE, null);
        var table = "rastro.messages FINAL";
        if (!service.text().contains(MessageColumns.SELECT) || !service.text().contains(table)) {
            throw new IllegalStateException("workload 3's statement no longer has the shape this workload rewrites");
        }
        store.execute(Sql.of("CREATE DATABASE IF NOT EXISTS bench"));
        store.execute(Sql.of("DROP TABLE IF EXISTS " + COPY));
        var copied = System.nanoTime();
        try {
            store.execute(Sql.of("CREATE TABLE " + COPY + " AS rastro.messages ENGINE = ReplacingMergeTree(version)"
                    + " PARTITION BY toDate(event_time) ORDER BY (account_id, event_time, message_id)"
                    + " SETTINGS index_granularity = 1024"));
            store.execute(Sql.of("INSERT INTO " + COPY + " SELECT * FROM rastro.messages WHERE account_id = {a:String}"
                            + " AND event_time >= {from:DateTime64(3, 'UTC')} AND event_time < {to:DateTime64(3, 'UTC')}")
                    .bind("a", Dataset.TENANT).bind("from", filter.from()).bind("to", filter.to()));
            store.execute(Sql.of("OPTIMIZE TABLE " + COPY + " FINAL"));
            var copySeconds = (System.nanoTime() - copied) / 1e9;
            var copyRows = store.query(Sql.of("SELECT count() AS c FROM " + COPY), r -> r.getLong("c")).getFirst();

            var statements = new LinkedHashMap<String, Sql>();
            statements.put("allColumns", service);
            statements.put("firstPaint", select(service, FIRST_PAINT));
            statements.put("idOnly", select(service, "message_id, event_time"));
            statements.put("allColumnsGranule1024", from(service, table, COPY + " FINAL"));
            statements.put("firstPaintGranule1024", from(select(service, FIRST_PAINT), table, COPY + " FINAL"));
            var expected = ids(store, service);
            var notes = new StringBuilder("raw column: the service's statement (every column, granules of 8192)");
            for (var e : statements.entrySet()) {
                if (!ids(store, e.getValue()).equals(expected)) {
                    notes.append("; MISMATCH: ").append(e.getKey()).append(" returns other rows");
                }
            }
            var nanos = EngineFloor.timeInterleaved(ctx, statements);
            var extra = new LinkedHashMap<String, Object>();
            extra.put("rows", expected.size());
            extra.put("copyRows", copyRows);
            extra.put("copySeconds", Stats.round(copySeconds));
            for (var e : nanos.entrySet()) {
                var stats = Stats.ofNanos(e.getValue());
                extra.put(e.getKey() + "MedianMs", Stats.round(stats.median()));
                extra.put(e.getKey() + "P95Ms", Stats.round(stats.p95()));
                if (!e.getKey().equals("allColumns")) {
                    notes.append("; ").append(DESCRIPTIONS.get(e.getKey())).append(": median ")
                            .append(Stats.round(stats.median())).append(" ms");
                }
            }
            notes.append(" (").append(expected.size()).append(" rows; the copy: ").append(String.format("%,d", copyRows))
                    .append(" rows in ").append(Stats.round(copySeconds)).append(" s, untimed)");
            return new WorkloadResult(id(), title(), null, Stats.ofNanos(nanos.get("allColumns")), extra,
                    notes.toString(), null);
        } finally {
            store.execute(Sql.of("DROP TABLE IF EXISTS " + COPY));
        }
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "firstPaint", "the columns of a first paint's ten fields",
            "idOnly", "the id and time alone",
            "allColumnsGranule1024", "every column, granules of 1024",
            "firstPaintGranule1024", "the first paint's columns, granules of 1024");

    private static Sql select(Sql sql, String columns) {
        return new Sql(sql.text().replace(MessageColumns.SELECT, columns), sql.params(), sql.settings());
    }

    private static Sql from(Sql sql, String table, String other) {
        return new Sql(sql.text().replace(table, other), sql.params(), sql.settings());
    }

    private static List<String> ids(Store store, Sql sql) {
        return store.query(sql, row -> row.getString("message_id"));
    }
}
