package io.rastro.store;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The port every feature uses to reach ClickHouse. Both engines run the same SQL text with the same bound
 * parameters, and both hand rows to client-v2's RowBinaryWithNamesAndTypes reader. Closing a store stops its
 * engine's connections; the application's store bean is closed with the context.
 */
public interface Store extends AutoCloseable {

    @Override
    void close();

    /** Which engine serves this store, for health and logs. */
    EngineInfo info();

    /** Runs a statement that returns nothing useful (DDL, INSERT ... SELECT, KILL, OPTIMIZE). */
    void execute(Sql sql);

    /**
     * Streams the rows of a query to the consumer one at a time; memory stays flat whatever the result's size.
     * The reader passed to the consumer is positioned on the current row and must not be kept.
     *
     * @return the number of rows read
     */
    long stream(Sql sql, RowConsumer consumer);

    /** Writes a query's result in an engine-native format (Parquet, CSV, ...) straight to {@code out}. */
    long streamFormatted(Sql sql, String format, OutputStream out);

    /**
     * Streams {@code data} (already in {@code format}) into the table named by {@code insertStatement}, an
     * {@code INSERT INTO t (cols)} without FORMAT or data.
     *
     * @return rows written as reported by the engine
     */
    long insert(String insertStatement, String format, InputStream data);

    /**
     * Hands each row of a small result (a page, a few thousand groups) to the consumer. Unlike {@link #stream},
     * an engine may answer it in one call without a prefetch thread, which is cheaper for small results.
     */
    default long read(Sql sql, RowConsumer consumer) {
        return stream(sql, consumer);
    }

    /** Reads a whole, small result into a list. */
    default <T> List<T> query(Sql sql, RowMapper<T> mapper) {
        var rows = new ArrayList<T>();
        stream(sql, reader -> rows.add(mapper.map(reader)));
        return rows;
    }

    default <T> Optional<T> queryOne(Sql sql, RowMapper<T> mapper) {
        var rows = query(sql, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.getFirst());
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ClickHouseBinaryFormatReader row);
    }

    @FunctionalInterface
    interface RowConsumer {
        void accept(ClickHouseBinaryFormatReader row);
    }

    /**
     * @param kind    "embedded" (chDB) or "server" (client-v2)
     * @param version the engine's version string
     * @param where   the data directory or the server URL
     */
    record EngineInfo(String kind, String version, String where) {
    }
}
