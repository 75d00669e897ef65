package io.rastro.store.server;

import io.rastro.demo.DemoGenerator;
import io.rastro.store.ClusterSchema;
import io.rastro.store.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode's layout on two real shards: two test ClickHouse servers from the engine library, each with a
 * {@code remote_servers} config naming both, and the schema of every migration as {@link ClusterSchema} renders
 * it. What needs ClickHouse Keeper is taken out (no Keeper runs here: {@code ON CLUSTER} and the
 * {@code Replicated*} engines), so each node is one shard of one replica and everything else is as rendered:
 * Distributed tables over local ones, the lookup view on the locals.
 */
class ClusterDistributedReadTest {

    private static final String CLUSTER = "two_shards";
    private static final Pattern REPLICATED = Pattern.compile("Replicated(\\w*MergeTree)\\('[^']*', '\\{replica\\}'(?:, )?");
    private static ChdbServer one;
    private static ChdbServer two;
    private static ServerStore first;
    private static ServerStore second;

    @BeforeAll
    static void startTwoShards(@TempDir Path dir) throws IOException {
        var ports = ChdbServer.freePorts(4);
        var config = dir.resolve("cluster.xml");
        Files.writeString(config, """
                <clickhouse>
                  <remote_servers>
                    <%s>
                      <shard><replica><host>127.0.0.1</host><port>%d</port></replica></shard>
                      <shard><replica><host>127.0.0.1</host><port>%d</port></replica></shard>
                    </%s>
                  </remote_servers>
                </clickhouse>
                """.formatted(CLUSTER, ports[1], ports[3], CLUSTER));
        one = ChdbServer.start(dir.resolve("one"), config, ports[0], ports[1]);
        two = ChdbServer.start(dir.resolve("two"), config, ports[2], ports[3]);
        var settings = ClusterSchema.settings();
        first = new ServerStore(one.url(), "default", "", "default", settings, 60);
        second = new ServerStore(two.url(), "default", "", "default", settings, 60);
        var schema = new ClusterSchema(CLUSTER);
        // statement by statement on both nodes, as ON CLUSTER would: a migration's backfill INSERT reads and
        // writes through the Distributed tables, so every node must have them first; it runs once, like the
        // migrator runs it once for the cluster
        for (var statement : allMigrations()) {
            for (var rendered : schema.render(statement)) {
                var once = rendered.stripLeading().regionMatches(true, 0, "INSERT", 0, 6);
                for (var store : once ? List.of(first) : List.of(first, second)) {
                    store.execute(Sql.of(withoutKeeper(rendered)));
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        for (var closeable : new AutoCloseable[] {first, second, one, two}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static List<String> allMigrations() throws IOException {
        var statements = new java.util.ArrayList<String>();
        statements.add("CREATE DATABASE IF NOT EXISTS rastro");
        var resources = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migrations/*.sql");
        Arrays.sort(resources, Comparator.comparing(r -> r.getFilename()));
        for (var resource : resources) {
            statements.addAll(io.rastro.store.Migrator.statements(resource.getContentAsString(StandardCharsets.UTF_8)));
        }
        return statements;
    }

    private static String withoutKeeper(String rendered) {
        return REPLICATED.matcher(rendered.replace(" ON CLUSTER " + CLUSTER, "")).replaceAll("$1(");
    }

    @Test
    void rowsInsertedThroughOneNodeAreShardedByAccountAndReadWholeFromTheOther() {
        var accounts = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot");
        for (int a = 0; a < accounts.size(); a++) {
            first.execute(Sql.of("""
                    INSERT INTO rastro.messages (account_id, event_time, message_id, direction, contact_phone, status,
                                                 status_at, version)
                    SELECT {a:String}, toDateTime64('2026-11-20 12:00:00', 3, 'UTC') + INTERVAL number SECOND,
                           concat('wamid.', {a:String}, '.', toString(number)), 'MT', concat('55119', toString(number)),
                           'ACCEPTED', toDateTime64('2026-11-20 12:00:00', 3, 'UTC'), 0
                    FROM numbers({n:UInt32})""").bind("a", accounts.get(a)).bind("n", 10 * (a + 1)));
        }
        // a second version of one message, as a status recompute writes it: FINAL keeps it alone
        first.execute(Sql.of("""
                INSERT INTO rastro.messages (account_id, event_time, message_id, direction, contact_phone, status,
                                             status_at, version)
                SELECT 'alpha', toDateTime64('2026-11-20 12:00:03', 3, 'UTC'), 'wamid.alpha.3', 'MT', '551193', 'READ',
                       toDateTime64('2026-11-20 12:05:00', 3, 'UTC'), 7"""));

        var counts = new HashMap<String, Long>();
        second.stream(Sql.of("SELECT account_id, count() AS c FROM rastro.messages FINAL "
                        + "WHERE account_id IN {accounts:Array(String)} GROUP BY account_id").bind("accounts", accounts),
                r -> counts.put(r.getString("account_id"), r.getLong("c")));
        var expected = new HashMap<String, Long>();
        for (int a = 0; a < accounts.size(); a++) {
            expected.put(accounts.get(a), 10L * (a + 1));
        }
        assertThat(counts).isEqualTo(expected);
        assertThat(second.queryOne(Sql.of("SELECT status FROM rastro.messages FINAL WHERE account_id = 'alpha' "
                + "AND message_id = 'wamid.alpha.3'"), r -> r.getString("status"))).contains("READ");

        // each tenant on one shard, the one its key chooses; both shards hold some
        var shards = new HashMap<String, List<Long>>();
        second.stream(Sql.of("""
                SELECT account_id, groupUniqArray(_shard_num) AS shards, any(cityHash64(account_id) % 2 + 1) AS chosen
                FROM rastro.messages WHERE account_id IN {accounts:Array(String)} GROUP BY account_id""")
                .bind("accounts", accounts),
                r -> shards.put(r.getString("account_id"), List.of((long) r.<Long>getList("shards").size(),
                        ((Number) r.getList("shards").getFirst()).longValue(), r.getLong("chosen"))));
        assertThat(shards).hasSize(accounts.size()).allSatisfy((account, s) -> {
            assertThat(s.get(0)).as(account + " on one shard").isEqualTo(1L);
            assertThat(s.get(1)).as(account + " on its shard").isEqualTo(s.get(2));
        });
        assertThat(shards.values().stream().map(s -> s.get(1)).distinct()).hasSize(2);
        var local = Sql.of("SELECT count() AS c FROM rastro.messages_local WHERE account_id IN {accounts:Array(String)}")
                .bind("accounts", accounts);
        var onOne = first.queryOne(local, r -> r.getLong("c")).orElseThrow();
        var onTwo = second.queryOne(local, r -> r.getLong("c")).orElseThrow();
        assertThat(onOne).isPositive();
        assertThat(onTwo).isPositive();
        assertThat(onOne + onTwo).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum() + 1);

        // the lookup view ran on the shard that got the message: a phone's keys sit beside its messages
        var lookups = second.queryOne(Sql.of("""
                SELECT count() AS c FROM rastro.message_keys
                WHERE account_id = 'foxtrot' AND kind = 'PHONE' AND value = '551195'"""), r -> r.getLong("c")).orElseThrow();
        assertThat(lookups).isEqualTo(1);
        for (var node : List.of(first, second)) {
            assertThat(node.queryOne(Sql.of("""
                    SELECT count() AS c FROM rastro.message_keys_local
                    WHERE (account_id, message_id) NOT IN (SELECT account_id, message_id FROM rastro.messages_local)"""),
                    r -> r.getLong("c")).orElseThrow()).as("lookup rows away from their message").isZero();
        }
        // a point lookup's shape: keys from one Distributed table inside IN over another, run shard by shard
        assertThat(second.queryOne(Sql.of("""
                SELECT groupArray(message_id) AS ids FROM rastro.messages FINAL
                WHERE account_id = 'foxtrot' AND message_id IN (SELECT message_id FROM rastro.message_keys
                    WHERE account_id = 'foxtrot' AND kind = 'PHONE' AND value = '551195')"""),
                r -> r.<String>getList("ids")).orElseThrow()).containsExactly("wamid.foxtrot.5");
    }

    /** The demo generator's write path (staging table, inserts through the Distributed tables, the view). */
    @Test
    void generatedTrafficLandsOnTheShardsWholeAndCompactionIsSkippedNotFatal() {
        var generator = new DemoGenerator(first);
        var tenants = DemoGenerator.Plan.demoTenants();
        var written = generator.generate(new DemoGenerator.Plan(3000, 7, 5, java.time.Instant.now(), tenants));
        generator.compact();
        var perAccount = new HashMap<String, Long>();
        second.stream(Sql.of("""
                SELECT account_id, count() AS c FROM rastro.messages FINAL
                WHERE account_id IN {accounts:Array(String)} GROUP BY account_id"""
                ).bind("accounts", tenants.stream().map(t -> t.tenant().id()).toList()),
                r -> perAccount.put(r.getString("account_id"), r.getLong("c")));
        assertThat(perAccount.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(written);
        for (var node : List.of(first, second)) {
            assertThat(node.queryOne(Sql.of("""
                    SELECT count() AS c FROM rastro.message_keys_local
                    WHERE (account_id, message_id) NOT IN (SELECT account_id, message_id FROM rastro.messages_local)"""),
                    r -> r.getLong("c")).orElseThrow()).isZero();
        }
    }
}
