package io.rastro.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies the numbered {@code .sql} files of {@code clickhouse/migrations} (packaged as {@code db/migrations}) in
 * order, once each, recording them in {@code rastro.schema_migrations}. Statements are idempotent (IF NOT EXISTS)
 * so a migration interrupted half-way is simply applied again. A failure stops startup, naming the file.
 */
public final class Migrator {

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);
    private static final Pattern FILE = Pattern.compile("(\\d+)_([\\w-]+)\\.sql");

    private final Store store;
    private final ClusterSchema cluster;

    public Migrator(Store store) {
        this(store, null);
    }

    /** @param cluster the cluster layout to render every statement in; null on one server or embedded */
    public Migrator(Store store, ClusterSchema cluster) {
        this.store = store;
        this.cluster = cluster;
    }

    /**
     * Runs one statement of a migration (or of the migrator's own table): as written on one server, rendered for
     * the cluster otherwise. Statements are idempotent (IF NOT EXISTS), and ON CLUSTER DDL waits for every host,
     * so several instances migrating at once only repeat no-ops.
     */
    private void run(String statement) {
        if (cluster == null) {
            store.execute(Sql.of(statement));
            return;
        }
        for (var rendered : cluster.render(statement)) {
            store.execute(Sql.of(rendered));
        }
    }

    public List<String> migrate() {
        run("CREATE DATABASE IF NOT EXISTS rastro");
        run("""
                CREATE TABLE IF NOT EXISTS rastro.schema_migrations
                (
                    version    UInt32,
                    name       String,
                    applied_at DateTime64(3, 'UTC')
                )
                ENGINE = ReplacingMergeTree
                ORDER BY version""");
        var applied = new HashSet<>(store.query(Sql.of("SELECT version FROM rastro.schema_migrations FINAL"),
                row -> row.getLong("version")));
        var done = new ArrayList<String>();
        for (var resource : migrations()) {
            var m = FILE.matcher(resource.getFilename());
            if (!m.matches()) {
                throw new MigrationException(resource.getFilename(), "file name must look like 001_name.sql");
            }
            var version = Long.parseLong(m.group(1));
            if (applied.contains(version)) {
                continue;
            }
            String text;
            try {
                text = resource.getContentAsString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MigrationException(resource.getFilename(), e.getMessage());
            }
            for (var statement : statements(text)) {
                try {
                    run(statement);
                } catch (StoreException | IllegalArgumentException e) {
                    throw new MigrationException(resource.getFilename(), e.getMessage());
                }
            }
            store.execute(Sql.of("INSERT INTO rastro.schema_migrations (version, name, applied_at) "
                            + "SELECT {version:UInt32}, {name:String}, {at:DateTime64(6, 'UTC')}")
                    .bind("version", version).bind("name", resource.getFilename()).bind("at", Instant.now()));
            log.info("Applied migration {}", resource.getFilename());
            done.add(resource.getFilename());
        }
        return done;
    }

    private static List<Resource> migrations() {
        try {
            var resources = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migrations/*.sql");
            return Arrays.stream(resources).sorted(Comparator.comparing(Resource::getFilename)).toList();
        } catch (IOException e) {
            throw new MigrationException("db/migrations", e.getMessage());
        }
    }

    /** Splits a file into statements at semicolons that end a line; drops full-line comments. */
    public static List<String> statements(String text) {
        var out = new ArrayList<String>();
        var current = new StringBuilder();
        for (var line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                var statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /** A migration failed; startup stops with the file and the engine's message. */
    public static final class MigrationException extends RuntimeException {
        public MigrationException(String file, String message) {
            super("Migration " + file + " failed: " + message);
        }
    }
}
