package io.rastro.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the schema for a ClickHouse cluster ({@code rastro.clickhouse.cluster=NAME}); the one home of the
 * cluster layout. Each table of a migration becomes two, both created {@code ON CLUSTER}:
 * <ul>
 *   <li>{@code rastro.T_local}: the data, in the {@code Replicated*} form of the table's engine, replicated within
 *   its shard through Keeper at {@code /clickhouse/tables/{shard}/rastro/T_local} (the {@code shard} and
 *   {@code replica} macros come from each server's config);</li>
 *   <li>{@code rastro.T}: a {@code Distributed} table over the locals, under the name every statement of Rastro
 *   already uses, so reads and inserts go through it unchanged.</li>
 * </ul>
 * Rows are sharded by the first column of the table's sort key, which is {@code account_id} for every table of
 * messages, events, lookups, searches and jobs: a tenant's rows sit on one shard, so its reports read one shard,
 * and every version of a row lands on the same shard, which FINAL needs (it merges versions shard by shard).
 * Materialized views run on each node against the local tables, so a message's lookup rows are written on the
 * shard that holds the message. Column changes apply to both tables, other changes to the locals; a dropped table
 * takes both with it. A statement of
 * any other form is refused, so that nothing is created unreplicated by accident.
 */
public final class ClusterSchema {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CREATE_DATABASE = Pattern.compile("(?is)^CREATE\\s+DATABASE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\s*$");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)^CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+rastro\\.(\\w+)\\s*(\\(.*\\))\\s*ENGINE\\s*=\\s*(\\w*MergeTree)"
                    + "(?:\\(([^)]*)\\))?(.*)$");
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "(?is)^CREATE\\s+MATERIALIZED\\s+VIEW\\s+IF\\s+NOT\\s+EXISTS\\s+rastro\\.(\\w+)\\s+TO\\s+rastro\\.(\\w+)\\s+AS\\s+(.*)$");
    private static final Pattern ALTER = Pattern.compile("(?is)^ALTER\\s+TABLE\\s+rastro\\.(\\w+)\\s+(.*)$");
    private static final Pattern MODIFY_QUERY = Pattern.compile("(?is)^MODIFY\\s+QUERY\\s+(.*)$");
    private static final Pattern COLUMN_CHANGE = Pattern.compile("(?is)^(ADD|DROP|MODIFY|RENAME|COMMENT)\\s+COLUMN\\b.*");
    private static final Pattern INSERT = Pattern.compile("(?is)^INSERT\\s+INTO\\s.*");
    private static final Pattern DROP = Pattern.compile(
            "(?is)^DROP\\s+(TABLE|VIEW)\\s+IF\\s+EXISTS\\s+rastro\\.(\\w+)(\\s+SYNC)?\\s*$");
    private static final Pattern TABLE_REFERENCE = Pattern.compile("\\brastro\\.(\\w+)\\b");
    private static final Pattern FIRST_SORT_COLUMN = Pattern.compile("(?is)\\bORDER\\s+BY\\s*\\(?\\s*(\\w+)");
    /** Tables every node holds whole, replicated across the cluster rather than sharded. */
    private static final Map<String, String> EVERYWHERE = Map.of("schema_migrations", "all");

    private final String cluster;

    public ClusterSchema(String cluster) {
        if (cluster == null || !NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("rastro.clickhouse.cluster must be a cluster name from the servers' "
                    + "remote_servers (letters, digits, _), not " + cluster);
        }
        this.cluster = cluster;
    }

    public String cluster() {
        return cluster;
    }

    /** The statements that stand for one migration statement on the cluster, in the order to run them. */
    public List<String> render(String statement) {
        var text = statement.strip();
        Matcher m;
        if ((m = CREATE_DATABASE.matcher(text)).matches()) {
            return List.of("CREATE DATABASE IF NOT EXISTS " + m.group(1) + onCluster());
        }
        if ((m = CREATE_TABLE.matcher(text)).matches()) {
            return table(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
        }
        if ((m = CREATE_VIEW.matcher(text)).matches()) {
            return List.of("CREATE MATERIALIZED VIEW IF NOT EXISTS rastro." + m.group(1) + onCluster()
                    + " TO rastro." + m.group(2) + "_local AS " + local(m.group(3)));
        }
        if ((m = ALTER.matcher(text)).matches()) {
            var name = m.group(1);
            var change = m.group(2);
            var query = MODIFY_QUERY.matcher(change);
            if (query.matches()) {
                return List.of("ALTER TABLE rastro." + name + onCluster() + " MODIFY QUERY " + local(query.group(1)));
            }
            var local = "ALTER TABLE rastro." + name + "_local" + onCluster() + " " + change;
            if (COLUMN_CHANGE.matcher(change).matches()) {
                return List.of(local, "ALTER TABLE rastro." + name + onCluster() + " " + change);
            }
            return List.of(local);
        }
        if ((m = DROP.matcher(text)).matches()) {
            return drop(m.group(1).toUpperCase(Locale.ROOT), m.group(2), m.group(3) == null ? "" : " SYNC");
        }
        if (INSERT.matcher(text).matches()) {
            return List.of(text); // through the Distributed tables, like every insert of the service
        }
        throw new IllegalArgumentException("cluster mode cannot render this statement; write it as CREATE TABLE "
                + "IF NOT EXISTS, CREATE MATERIALIZED VIEW IF NOT EXISTS ... TO, ALTER TABLE, INSERT or DROP TABLE|VIEW IF EXISTS: "
                + text.lines().findFirst().orElse(""));
    }

    private List<String> table(String name, String columns, String engine, String engineArgs, String rest) {
        var everywhere = EVERYWHERE.get(name);
        var localName = everywhere == null ? name + "_local" : name;
        var path = everywhere == null ? "/clickhouse/tables/{shard}/rastro/" + localName
                : "/clickhouse/tables/" + everywhere + "/rastro/" + localName;
        var args = "'" + path + "', '{replica}'" + (engineArgs == null || engineArgs.isBlank() ? "" : ", " + engineArgs.strip());
        var local = "CREATE TABLE IF NOT EXISTS rastro." + localName + onCluster() + "\n" + columns
                + "\nENGINE = Replicated" + engine + "(" + args + ")" + rest;
        if (everywhere != null) {
            return List.of(local);
        }
        var key = FIRST_SORT_COLUMN.matcher(rest);
        if (!key.find()) {
            throw new IllegalArgumentException("cluster mode shards a table by the first column of its ORDER BY; "
                    + "rastro." + name + " has none");
        }
        var distributed = "CREATE TABLE IF NOT EXISTS rastro." + name + onCluster() + " AS rastro." + localName
                + "\nENGINE = Distributed(" + cluster + ", rastro, " + localName + ", cityHash64(" + key.group(1) + "))";
        return List.of(local, distributed);
    }

    /**
     * A view is one object on every node. A table is two: the Distributed table goes first, so that nothing is
     * routed to a local table already gone, then the replicated locals (SYNC also removes them from Keeper at once).
     */
    private List<String> drop(String kind, String name, String sync) {
        if (kind.equals("VIEW") || EVERYWHERE.containsKey(name)) {
            return List.of("DROP " + kind + " IF EXISTS rastro." + name + onCluster() + sync);
        }
        return List.of("DROP TABLE IF EXISTS rastro." + name + onCluster() + sync,
                "DROP TABLE IF EXISTS rastro." + name + "_local" + onCluster() + sync);
    }

    /** The same SELECT over the local tables: a view runs on the node where the rows are inserted. */
    private static String local(String select) {
        return TABLE_REFERENCE.matcher(select).replaceAll("rastro.$1_local");
    }

    private String onCluster() {
        return " ON CLUSTER " + cluster;
    }

    /**
     * Settings every statement gets in cluster mode: an insert through a Distributed table returns once the
     * shards hold the rows (not queued on the initiator), and once a majority of the shard's replicas hold them,
     * so the statement that follows (a status recompute, a read of the page just ingested) sees them from any
     * replica. A subquery over a Distributed table inside IN or JOIN (the point lookups' keys from
     * message_keys, the recompute's events) runs on each shard over its local table: right, because the
     * tables are sharded alike by account, and without it the server refuses such a query
     * (DISTRIBUTED_IN_JOIN_SUBQUERY_DENIED).
     */
    public static Map<String, String> settings() {
        return Map.of("distributed_foreground_insert", "1", "insert_quorum", "auto",
                "distributed_product_mode", "local");
    }
}
