package io.rastro.bench;

import io.rastro.report.Cursor;
import io.rastro.report.ReportFilter;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * PostgreSQL as the report a team would build first: the benchmark's own data set copied from the engine into
 * one table of current message rows (what {@code messages FINAL} reads) and Acme's status history, with the
 * btree indexes such a team would add, and the report's statements written by hand to select the same rows. The
 * workloads time these beside Rastro in the same run ({@link ReportWorkload}, {@link Concurrency},
 * {@link ExportsWorkload}).
 */
final class PostgresPeer implements AutoCloseable {

    /** The columns of a report row, as {@code MessageColumns.SELECT} reads them. */
    static final String ROW = """
            message_id, direction, event_time, subaccount_id, user_id, campaign_id, campaign_name, content_type,
            template_name, template_language, text, contact_phone, contact_wa_id, contact_bsuid, sent_with_session,
            correlation_id, conversation_id, conversation_type, conversation_expires_at, pricing_category,
            button_payload, button_text, reply_to_message_id, status, status_at, delivered_at, read_at, error_code,
            error_title""";

    /** The stored columns, in the order the engine's CSV hands them over. */
    private static final String TABLE = """
            CREATE TABLE messages (
                account_id text NOT NULL, message_id text NOT NULL, direction text NOT NULL,
                event_time timestamptz NOT NULL, subaccount_id text NOT NULL, user_id text NOT NULL,
                campaign_id text NOT NULL, campaign_name text NOT NULL, content_type text NOT NULL,
                template_name text NOT NULL, template_language text NOT NULL, text text NOT NULL,
                contact_phone text NOT NULL, contact_wa_id text NOT NULL, contact_bsuid text NOT NULL,
                sent_with_session boolean NOT NULL, correlation_id text NOT NULL, conversation_id text NOT NULL,
                conversation_type text NOT NULL, conversation_expires_at timestamptz, pricing_category text NOT NULL,
                button_payload text NOT NULL, button_text text NOT NULL, reply_to_message_id text NOT NULL,
                status text NOT NULL, status_at timestamptz NOT NULL, sent_at timestamptz, delivered_at timestamptz,
                read_at timestamptz, failed_at timestamptz, error_code bigint NOT NULL, error_title text NOT NULL)""";

    private static final String ENGINE_COLUMNS = """
            account_id, message_id, toString(direction), event_time, subaccount_id, user_id, campaign_id, campaign_name,
            content_type, template_name, template_language, text, contact_phone, contact_wa_id, contact_bsuid,
            sent_with_session, correlation_id, conversation_id, conversation_type, conversation_expires_at,
            pricing_category, button_payload, button_text, reply_to_message_id, status, status_at, sent_at,
            delivered_at, read_at, failed_at, error_code, error_title""";

    /**
     * What a team that knows its queries would build: the tenant and time (with the status, so counts by status
     * and day read the index alone), a covering index for the first page and its total (direction, time, id, with
     * what filters 1-2 test), status, each point-lookup key (phone and WhatsApp id both, as the contact filter
     * matches either), and the message id.
     */
    static final List<String> INDEXES = List.of(
            "CREATE INDEX m_tenant_time ON messages (account_id, event_time, message_id) INCLUDE (status)",
            "CREATE INDEX m_first_page ON messages (account_id, direction, event_time, message_id) INCLUDE (status, campaign_id)",
            "CREATE INDEX m_status ON messages (account_id, status, event_time)",
            "CREATE INDEX m_phone ON messages (account_id, contact_phone, event_time)",
            "CREATE INDEX m_wa_id ON messages (account_id, contact_wa_id, event_time)",
            "CREATE INDEX m_correlation ON messages (account_id, correlation_id, event_time)",
            "CREATE INDEX m_conversation ON messages (account_id, conversation_id, event_time)",
            "CREATE INDEX m_id ON messages (account_id, message_id)",
            "CREATE INDEX s_message ON status_events (account_id, message_id, status_at)");

    /**
     * The server's settings: memory for a machine of this size, parallel workers for the 2 cores, and no JIT (a
     * team serving short report queries turns it off: its compile time lands on every statement over the cost
     * threshold). wal_level minimal with the table created in the COPY's transaction skips the WAL for the load;
     * fsync off speeds only the load (reads never fsync).
     */
    static final List<String> SETTINGS = List.of(
            "shared_buffers = 2GB", "effective_cache_size = 8GB", "work_mem = 64MB", "maintenance_work_mem = 1GB",
            "max_parallel_workers_per_gather = 2", "max_parallel_maintenance_workers = 2", "jit = off",
            "wal_level = minimal", "max_wal_senders = 0", "fsync = off", "full_page_writes = off",
            "synchronous_commit = off", "max_wal_size = 8GB", "random_page_cost = 1.1", "timezone = 'UTC'",
            "max_connections = 50");

    private final PostgresServer server;
    private final Connection connection;
    private final Map<String, Object> facts = new LinkedHashMap<>();

    private PostgresPeer(PostgresServer server, Connection connection) {
        this.server = server;
        this.connection = connection;
    }

    /**
     * Starts the server and loads the engine's current rows into it (every tenant but the fast-path one, as in
     * {@link Dataset#messages()}, one row per message where that counts stored versions), then Acme's status history,
     * builds the indexes and runs VACUUM ANALYZE.
     */
    static PostgresPeer start(java.nio.file.Path bin, Store store, Consumer<String> log) throws Exception {
        var server = PostgresServer.start(bin, SETTINGS, log);
        try {
            var peer = new PostgresPeer(server, server.connect());
            peer.load(store, log);
            return peer;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void load(Store store, Consumer<String> log) throws Exception {
        facts.put("version", server.version());
        facts.put("directory", server.dir().toString());
        var started = System.nanoTime();
        connection.setAutoCommit(false);
        try (var s = connection.createStatement()) {
            s.execute(TABLE);
            s.execute("CREATE TABLE status_events (account_id text NOT NULL, message_id text NOT NULL, "
                    + "status text NOT NULL, status_at timestamptz NOT NULL, error_code bigint NOT NULL, "
                    + "error_title text NOT NULL)");
        }
        var messages = copyIn(store, Sql.of("SELECT " + ENGINE_COLUMNS + " FROM rastro.messages FINAL WHERE account_id != {i:String}")
                .bind("i", Dataset.INGEST_TENANT).setting("do_not_merge_across_partitions_select_final", 1), "messages");
        var history = copyIn(store, Sql.of("SELECT account_id, message_id, status, status_at, error_code, error_title "
                + "FROM rastro.status_events FINAL WHERE account_id = {a:String}").bind("a", Dataset.TENANT), "status_events");
        connection.commit();
        var loaded = System.nanoTime();
        log.accept("  PostgreSQL: copied %,d messages and %,d status events in %.0f s".formatted(messages, history,
                (loaded - started) / 1e9));
        try (var s = connection.createStatement()) {
            for (var index : INDEXES) {
                var t = System.nanoTime();
                s.execute(index);
                connection.commit();
                log.accept("  PostgreSQL: %s (%.0f s)".formatted(index.substring(0, index.indexOf(" ON ")), (System.nanoTime() - t) / 1e9));
            }
        }
        var indexed = System.nanoTime();
        connection.setAutoCommit(true);
        try (var s = connection.createStatement()) {
            // VACUUM too: it sets the visibility map, without which no index-only scan skips the heap
            s.execute("VACUUM (ANALYZE) messages");
            s.execute("VACUUM (ANALYZE) status_events");
        }
        var analyzed = System.nanoTime();
        facts.put("messages", messages);
        facts.put("statusEvents", history);
        facts.put("copySeconds", Stats.round((loaded - started) / 1e9));
        facts.put("indexSeconds", Stats.round((indexed - loaded) / 1e9));
        facts.put("vacuumAnalyzeSeconds", Stats.round((analyzed - indexed) / 1e9));
        facts.put("indexes", INDEXES);
        facts.put("settings", SETTINGS);
        try (var s = connection.createStatement();
             var rs = s.executeQuery("SELECT pg_total_relation_size('messages') + pg_total_relation_size('status_events'), "
                     + "pg_database_size(current_database())")) {
            rs.next();
            facts.put("tablesAndIndexesBytes", rs.getLong(1));
            facts.put("databaseBytes", rs.getLong(2));
        }
        log.accept("  PostgreSQL: indexes %.0f s, VACUUM ANALYZE %.0f s, %.1f GB on disk".formatted(
                (indexed - loaded) / 1e9, (analyzed - indexed) / 1e9, ((Number) facts.get("databaseBytes")).doubleValue() / 1e9));
    }

    /** The engine's CSV streamed straight into COPY FROM STDIN: no row is held in the heap. */
    private long copyIn(Store store, Sql select, String table) throws SQLException, IOException {
        var copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                "COPY " + table + " FROM STDIN WITH (FORMAT csv, NULL '\\N')", 1 << 20);
        try {
            store.streamFormatted(select, "CSV", copy);
            return copy.endCopy();
        } catch (RuntimeException | SQLException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
    }

    Map<String, Object> facts() {
        return facts;
    }

    Connection connection() {
        return connection;
    }

    Connection connect() throws SQLException {
        return server.connect();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the server is stopped next anyway
        }
        server.close();
    }

    /** A statement on PostgreSQL that returns the number the workload's answer is checked by. */
    @FunctionalInterface
    interface Call {
        long run(Connection c) throws SQLException;
    }

    /**
     * A report filter as a WHERE clause with its values, written by hand for PostgreSQL to select the rows
     * {@code MessageSql.where} selects for Acme's whole-account scope.
     */
    record Where(String clause, List<Object> values) {

        static Where of(ReportFilter f, String account) {
            var conditions = new ArrayList<String>();
            var values = new ArrayList<Object>();
            conditions.add("account_id = ?");
            values.add(account);
            conditions.add("event_time >= ?");
            values.add(f.from());
            conditions.add("event_time < ?");
            values.add(f.to());
            if (f.direction() != null) {
                conditions.add("direction = ?");
                values.add(f.direction().name());
            }
            any(conditions, values, "subaccount_id", f.subaccounts());
            any(conditions, values, "user_id", f.users());
            any(conditions, values, "campaign_id", f.campaigns());
            any(conditions, values, "content_type", f.contentTypes());
            any(conditions, values, "status", f.statuses());
            any(conditions, values, "conversation_type", f.conversationTypes());
            if (f.errorCodes() != null && !f.errorCodes().isEmpty()) {
                conditions.add("error_code = ANY(?::bigint[])");
                values.add(f.errorCodes().stream().map(String::valueOf).toList());
            }
            if (f.sentWithSession() != null) {
                conditions.add("direction = 'MT' AND sent_with_session = ?");
                values.add(f.sentWithSession());
            }
            if (f.correlationId() != null) {
                conditions.add("correlation_id = ?");
                values.add(f.correlationId());
            }
            if (f.conversationId() != null) {
                conditions.add("conversation_id = ?");
                values.add(f.conversationId());
            }
            if (f.contact() != null) {
                if (f.contact().kind() == ReportFilter.Contact.Kind.BSUID) {
                    conditions.add("contact_bsuid = ?");
                    values.add(f.contact().value());
                } else {
                    conditions.add("(contact_phone = ? OR contact_wa_id = ?)");
                    values.add(f.contact().value());
                    values.add(f.contact().value());
                }
            }
            return new Where(String.join(" AND ", conditions), values);
        }

        private static void any(List<String> conditions, List<Object> values, String column, java.util.Collection<?> set) {
            if (set != null && !set.isEmpty()) {
                conditions.add(column + " = ANY(?::text[])");
                values.add(set.stream().map(v -> v instanceof Enum<?> e ? e.name() : v.toString()).sorted().toList());
            }
        }
    }

    /**
     * A page with its exact total in one statement, as Rastro answers it: the total is a scalar subquery
     * (PostgreSQL runs it once, as an InitPlan), the page a keyset read in report order, one row more than the
     * page to tell whether another follows. An empty page carries no total, so then the count runs alone.
     */
    static Call page(Where where, Cursor after, int limit, Consumer<Cursor> lastOfPage) {
        var keyset = after == null ? "" : " AND (event_time, message_id) < (?, ?)";
        var sql = "SELECT (SELECT count(*) FROM messages WHERE " + where.clause() + ") AS total_count, " + ROW
                + " FROM messages WHERE " + where.clause() + keyset
                + " ORDER BY event_time DESC, message_id DESC LIMIT " + (limit + 1);
        return c -> {
            long total = -1;
            int seen = 0;
            try (var ps = c.prepareStatement(sql)) {
                int i = bind(ps, 1, where.values());
                i = bind(ps, i, where.values());
                if (after != null) {
                    ps.setObject(i++, OffsetDateTime.ofInstant(after.time(), ZoneOffset.UTC));
                    ps.setString(i, after.id());
                }
                try (var rs = ps.executeQuery()) {
                    var columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        total = rs.getLong(1);
                        // every cell read, as a client of the report would
                        for (int col = 2; col <= columns; col++) {
                            rs.getString(col);
                        }
                        if (++seen == limit && lastOfPage != null) {
                            lastOfPage.accept(new Cursor(rs.getObject("event_time", OffsetDateTime.class).toInstant(),
                                    rs.getString("message_id")));
                        }
                    }
                }
            }
            if (total < 0) {
                total = count(c, where);
            }
            if (seen <= limit && lastOfPage != null) {
                lastOfPage.accept(null);
            }
            return total;
        };
    }

    static long count(Connection c, Where where) throws SQLException {
        try (var ps = c.prepareStatement("SELECT count(*) FROM messages WHERE " + where.clause())) {
            bind(ps, 1, where.values());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Counts by day (in {@code zone}) and status: the sum of the counts is the answer. */
    static Call countsByDayAndStatus(Where where, String zone) {
        var sql = "SELECT date_trunc('day', event_time AT TIME ZONE ?) AS bucket, status, count(*) AS c FROM messages WHERE "
                + where.clause() + " GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2";
        return c -> {
            try (var ps = c.prepareStatement(sql)) {
                ps.setString(1, zone);
                bind(ps, 2, where.values());
                return sumLast(ps);
            }
        };
    }

    /** Quick-reply taps per campaign and button, with distinct contacts: the sum of the taps is the answer. */
    static Call quickReplies(Where where) {
        var sql = "SELECT campaign_id, min(campaign_name), button_payload, min(button_text), "
                + "count(DISTINCT CASE WHEN contact_wa_id <> '' THEN contact_wa_id ELSE contact_phone END) AS contacts, "
                + "count(*) AS c FROM messages WHERE " + where.clause() + " AND direction = 'MO' AND button_payload <> '' "
                + "GROUP BY campaign_id, button_payload ORDER BY c DESC, campaign_id, button_payload";
        return c -> {
            try (var ps = c.prepareStatement(sql)) {
                bind(ps, 1, where.values());
                return sumLast(ps);
            }
        };
    }

    /** One message with its history; the answer is the history's length for an MT message, -1 otherwise. */
    static Call byId(String account, String id) {
        return c -> {
            String direction = null;
            try (var ps = c.prepareStatement("SELECT " + ROW + " FROM messages WHERE account_id = ? AND message_id = ? LIMIT 1")) {
                ps.setString(1, account);
                ps.setString(2, id);
                try (var rs = ps.executeQuery()) {
                    var columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int col = 1; col <= columns; col++) {
                            rs.getString(col);
                        }
                        direction = rs.getString("direction");
                    }
                }
            }
            long steps = 0;
            try (var ps = c.prepareStatement("SELECT message_id, status, status_at, error_code, error_title FROM status_events "
                    + "WHERE account_id = ? AND message_id = ? ORDER BY status_at, status")) {
                ps.setString(1, account);
                ps.setString(2, id);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(2);
                        steps++;
                    }
                }
            }
            return "MT".equals(direction) ? steps : -1;
        };
    }

    /**
     * {@code COPY (the account-month in report order) TO STDOUT} as CSV with a header: what a PostgreSQL team's
     * export would stream. COPY takes no bind parameters, so the values are literals; they come from the harness
     * (an account id and two instants), never from input. Returns the rows copied.
     */
    long copyOut(String account, Instant from, Instant to, OutputStream out) throws SQLException, IOException {
        if (!account.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("unexpected account id " + account);
        }
        var sql = "COPY (SELECT " + ROW + " FROM messages WHERE account_id = '" + account + "' AND event_time >= '"
                + from + "' AND event_time < '" + to + "' ORDER BY event_time DESC, message_id DESC) TO STDOUT WITH (FORMAT csv, HEADER true)";
        return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
    }

    private static long sumLast(PreparedStatement ps) throws SQLException {
        long sum = 0;
        try (var rs = ps.executeQuery()) {
            var columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                sum += rs.getLong(columns);
            }
        }
        return sum;
    }

    private static int bind(PreparedStatement ps, int from, List<Object> values) throws SQLException {
        int i = from;
        for (var v : values) {
            switch (v) {
                case Instant t -> ps.setObject(i++, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                case List<?> list -> ps.setArray(i++, ps.getConnection().createArrayOf("text", list.toArray()));
                case Boolean b -> ps.setBoolean(i++, b);
                default -> ps.setString(i++, v.toString());
            }
        }
        return i;
    }
}
