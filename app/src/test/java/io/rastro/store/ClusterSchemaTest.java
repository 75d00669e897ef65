package io.rastro.store;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster rendering of every migration: replicated locals ON CLUSTER, Distributed tables sharded by account. */
class ClusterSchemaTest {

    private final ClusterSchema schema = new ClusterSchema("rastro_cluster");

    private static List<String> migration(String prefix) throws IOException {
        var resources = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migrations/" + prefix + "_*.sql");
        assertThat(resources).as("migration " + prefix).hasSize(1);
        return Migrator.statements(resources[0].getContentAsString(StandardCharsets.UTF_8));
    }

    private List<String> rendered(String prefix) throws IOException {
        var out = new ArrayList<String>();
        for (var statement : migration(prefix)) {
            out.addAll(schema.render(statement));
        }
        return out;
    }

    private static String startingWith(List<String> statements, String start) {
        return statements.stream().filter(s -> s.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement starts with " + start + " in " + statements));
    }

    @Test
    void theMigratorsOwnTableIsReplicatedToEveryNodeAndTheDatabaseCreatedOnCluster() {
        assertThat(schema.render("CREATE DATABASE IF NOT EXISTS rastro"))
                .containsExactly("CREATE DATABASE IF NOT EXISTS rastro ON CLUSTER rastro_cluster");
        var table = schema.render("""
                CREATE TABLE IF NOT EXISTS rastro.schema_migrations
                (
                    version    UInt32
                )
                ENGINE = ReplacingMergeTree
                ORDER BY version""");
        assertThat(table).hasSize(1);
        assertThat(table.getFirst()).startsWith("CREATE TABLE IF NOT EXISTS rastro.schema_migrations ON CLUSTER rastro_cluster")
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/rastro/schema_migrations', '{replica}')")
                .endsWith("ORDER BY version");
    }

    @Test
    void migration001MessagesEventsLookupsAndTheirViewOnTheLocalTables() throws IOException {
        var out = rendered("001");
        assertThat(out).allSatisfy(s -> assertThat(s).contains(" ON CLUSTER rastro_cluster"));
        var messages = startingWith(out, "CREATE TABLE IF NOT EXISTS rastro.messages_local ON CLUSTER rastro_cluster\n(");
        assertThat(messages)
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/rastro/messages_local', '{replica}', version)")
                .contains("INDEX idx_message_id message_id TYPE bloom_filter(0.01) GRANULARITY 4")
                .contains("PARTITION BY toDate(event_time)")
                .endsWith("ORDER BY (account_id, event_time, message_id)");
        assertThat(out).contains("CREATE TABLE IF NOT EXISTS rastro.messages ON CLUSTER rastro_cluster AS rastro.messages_local\n"
                + "ENGINE = Distributed(rastro_cluster, rastro, messages_local, cityHash64(account_id))");
        assertThat(startingWith(out, "CREATE TABLE IF NOT EXISTS rastro.status_events_local "))
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/rastro/status_events_local', '{replica}')\n");
        assertThat(out).contains("CREATE TABLE IF NOT EXISTS rastro.status_events ON CLUSTER rastro_cluster AS rastro.status_events_local\n"
                + "ENGINE = Distributed(rastro_cluster, rastro, status_events_local, cityHash64(account_id))");
        assertThat(out).contains("CREATE TABLE IF NOT EXISTS rastro.message_lookup ON CLUSTER rastro_cluster AS rastro.message_lookup_local\n"
                + "ENGINE = Distributed(rastro_cluster, rastro, message_lookup_local, cityHash64(account_id))");
        var view = startingWith(out, "CREATE MATERIALIZED VIEW IF NOT EXISTS rastro.message_lookup_mv ON CLUSTER rastro_cluster "
                + "TO rastro.message_lookup_local AS ");
        assertThat(view).contains("FROM rastro.messages_local").doesNotContainPattern("rastro\\.messages\\b(?!_)");
        // each local table comes before the Distributed table made AS it, and the view after its tables
        assertThat(out.indexOf(messages)).isLessThan(out.indexOf(startingWith(out, "CREATE TABLE IF NOT EXISTS rastro.messages ")));
        assertThat(out.getLast()).isEqualTo(view);
        assertThat(out).hasSize(7);
    }

    @Test
    void migration002DirectoryTablesAreShardedByTheFirstColumnOfTheirKey() throws IOException {
        var out = rendered("002");
        assertThat(out).hasSize(12).allSatisfy(s -> assertThat(s).contains(" ON CLUSTER rastro_cluster"));
        assertThat(out).contains(
                "CREATE TABLE IF NOT EXISTS rastro.accounts ON CLUSTER rastro_cluster AS rastro.accounts_local\n"
                        + "ENGINE = Distributed(rastro_cluster, rastro, accounts_local, cityHash64(account_id))",
                "CREATE TABLE IF NOT EXISTS rastro.subaccounts ON CLUSTER rastro_cluster AS rastro.subaccounts_local\n"
                        + "ENGINE = Distributed(rastro_cluster, rastro, subaccounts_local, cityHash64(account_id))",
                "CREATE TABLE IF NOT EXISTS rastro.users ON CLUSTER rastro_cluster AS rastro.users_local\n"
                        + "ENGINE = Distributed(rastro_cluster, rastro, users_local, cityHash64(user_id))",
                "CREATE TABLE IF NOT EXISTS rastro.api_tokens ON CLUSTER rastro_cluster AS rastro.api_tokens_local\n"
                        + "ENGINE = Distributed(rastro_cluster, rastro, api_tokens_local, cityHash64(token_id))");
        assertThat(startingWith(out, "CREATE TABLE IF NOT EXISTS rastro.api_token_uses_local "))
                .contains("ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/rastro/api_token_uses_local', '{replica}')")
                .endsWith("TTL toDateTime(used_at) + INTERVAL 90 DAY");
        assertThat(startingWith(out, "CREATE TABLE IF NOT EXISTS rastro.users_local "))
                .contains("ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/rastro/users_local', '{replica}', version)");
    }

    @Test
    void migration003SavedSearchesShardedByAccount() throws IOException {
        var out = rendered("003");
        assertThat(out).hasSize(2);
        assertThat(out.getFirst()).startsWith("CREATE TABLE IF NOT EXISTS rastro.saved_searches_local ON CLUSTER rastro_cluster")
                .contains("ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/rastro/saved_searches_local', '{replica}', version)");
        assertThat(out.getLast()).isEqualTo("CREATE TABLE IF NOT EXISTS rastro.saved_searches ON CLUSTER rastro_cluster "
                + "AS rastro.saved_searches_local\nENGINE = Distributed(rastro_cluster, rastro, saved_searches_local, cityHash64(account_id))");
    }

    @Test
    void migration004ExportJobsKeepTheirTtl() throws IOException {
        var out = rendered("004");
        assertThat(out).hasSize(2);
        assertThat(out.getFirst())
                .contains("ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/rastro/export_jobs_local', '{replica}', version)")
                .endsWith("TTL toDateTime(created_at) + INTERVAL 30 DAY");
        assertThat(out.getLast()).endsWith("Distributed(rastro_cluster, rastro, export_jobs_local, cityHash64(account_id))");
    }

    @Test
    void migration005ChangesTheViewsQueryOverTheLocalTable() throws IOException {
        var out = rendered("005");
        assertThat(out).hasSize(1);
        assertThat(out.getFirst()).startsWith("ALTER TABLE rastro.message_lookup_mv ON CLUSTER rastro_cluster MODIFY QUERY")
                .contains("FROM rastro.messages_local").doesNotContainPattern("rastro\\.messages\\b(?!_)");
    }

    @Test
    void migration009AddsTheColumnToTheLocalAndTheDistributedTable() throws IOException {
        var out = rendered("009");
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).startsWith("ALTER TABLE rastro.export_jobs_local ON CLUSTER rastro_cluster ADD COLUMN IF NOT EXISTS instance String");
        assertThat(out.get(1)).startsWith("ALTER TABLE rastro.export_jobs ON CLUSTER rastro_cluster ADD COLUMN IF NOT EXISTS instance String");
    }

    @Test
    void migration018MakesTheKeysTablePartitionedByMonthAndCopiesTheOldRowsThroughTheDistributedTables() throws IOException {
        var out = rendered("018");
        assertThat(out).hasSize(4);
        assertThat(out.get(0)).startsWith("CREATE TABLE IF NOT EXISTS rastro.message_keys_local ON CLUSTER rastro_cluster")
                .contains("value      String CODEC(ZSTD(1))")
                .contains("ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/rastro/message_keys_local', '{replica}')")
                .contains("PARTITION BY toYYYYMM(event_time)");
        assertThat(out.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS rastro.message_keys ON CLUSTER rastro_cluster AS "
                + "rastro.message_keys_local\nENGINE = Distributed(rastro_cluster, rastro, message_keys_local, cityHash64(account_id))");
        assertThat(out.get(2)).startsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS rastro.message_keys_mv ON CLUSTER rastro_cluster "
                + "TO rastro.message_keys_local AS ").contains("FROM rastro.messages_local");
        assertThat(out.get(3)).startsWith("INSERT INTO rastro.message_keys (").contains("FROM rastro.message_lookup\n");
    }

    @Test
    void migration019DropsTheViewThenTheDistributedTableThenItsLocals() throws IOException {
        assertThat(rendered("019")).containsExactly(
                "DROP VIEW IF EXISTS rastro.message_lookup_mv ON CLUSTER rastro_cluster SYNC",
                "DROP TABLE IF EXISTS rastro.message_lookup ON CLUSTER rastro_cluster SYNC",
                "DROP TABLE IF EXISTS rastro.message_lookup_local ON CLUSTER rastro_cluster SYNC");
        assertThat(schema.render("DROP TABLE IF EXISTS rastro.schema_migrations"))
                .containsExactly("DROP TABLE IF EXISTS rastro.schema_migrations ON CLUSTER rastro_cluster");
        assertThatThrownBy(() -> schema.render("DROP TABLE rastro.messages"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DROP TABLE|VIEW IF EXISTS");
    }

    /** Catches a later migration the renderer cannot place, before it reaches a cluster. */
    @Test
    void everyMigrationRendersAndOtherChangesGoToTheLocalsOnly() throws IOException {
        for (var resource : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migrations/*.sql")) {
            for (var statement : Migrator.statements(resource.getContentAsString(StandardCharsets.UTF_8))) {
                assertThat(schema.render(statement)).as(resource.getFilename()).isNotEmpty()
                        .allSatisfy(s -> assertThat(s).satisfiesAnyOf(
                                r -> assertThat(r).contains(" ON CLUSTER rastro_cluster"),
                                r -> assertThat(r).startsWith("INSERT INTO")));
            }
        }
        assertThat(schema.render("ALTER TABLE rastro.messages MODIFY TTL toDateTime(event_time) + INTERVAL 1 YEAR"))
                .containsExactly("ALTER TABLE rastro.messages_local ON CLUSTER rastro_cluster MODIFY TTL toDateTime(event_time) + INTERVAL 1 YEAR");
        assertThatThrownBy(() -> schema.render("CREATE VIEW rastro.v AS SELECT 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot render");
        assertThatThrownBy(() -> new ClusterSchema("x; DROP")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rastro.clickhouse.cluster");
    }
}
