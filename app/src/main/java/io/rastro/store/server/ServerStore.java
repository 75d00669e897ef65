package io.rastro.store.server;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import io.rastro.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A ClickHouse server behind the store port, through client-v2. The same SQL text and the same parameter text as
 * the embedded engine: client-v2 sends each value as {@code param_name} and the server binds it, so nothing is
 * substituted client-side (the reason this is not JDBC, whose driver inlines {@code ?} as literals).
 */
public final class ServerStore implements Store {

    private final Client client;
    private final String url;
    private final Map<String, String> defaultSettings;
    private final long timeoutSeconds;
    private volatile EngineInfo info;

    public ServerStore(String url, String user, String password, String database,
                       Map<String, String> defaultSettings, long timeoutSeconds) {
        this.url = url;
        this.defaultSettings = Map.copyOf(defaultSettings);
        this.timeoutSeconds = timeoutSeconds;
        this.client = new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password == null ? "" : password)
                .setDefaultDatabase(database)
                .build();
    }

    @Override
    public EngineInfo info() {
        var local = info;
        if (local == null) {
            // client.getServerVersion() is "unknown" until the client has read a response header that carries it.
            var version = queryOne(Sql.of("SELECT version() AS v"), r -> r.getString("v")).orElse("unknown");
            local = new EngineInfo("server", "ClickHouse " + version, url);
            info = local;
        }
        return local;
    }

    @Override
    public void execute(Sql sql) {
        try (var response = client.query(sql.renderedText(), params(sql), settings(ClickHouseFormat.RowBinaryWithNamesAndTypes))
                .get(timeoutSeconds, TimeUnit.SECONDS)) {
            response.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (Exception e) {
            throw translate(e);
        }
    }

    @Override
    public long stream(Sql sql, RowConsumer consumer) {
        try (var response = client.query(sql.renderedText(), params(sql), settings(ClickHouseFormat.RowBinaryWithNamesAndTypes))
                .get(timeoutSeconds, TimeUnit.SECONDS)) {
            return io.rastro.store.RowBinary.decode(response.getInputStream(), consumer);
        } catch (Exception e) {
            throw translate(e);
        }
    }

    @Override
    public long streamFormatted(Sql sql, String format, OutputStream out) {
        try (var response = client.query(sql.renderedText(), params(sql), settings(ClickHouseFormat.valueOf(format)))
                .get(timeoutSeconds, TimeUnit.SECONDS)) {
            return response.getInputStream().transferTo(out);
        } catch (Exception e) {
            throw translate(e);
        }
    }

    @Override
    public long insert(String insertStatement, String format, InputStream data) {
        var m = java.util.regex.Pattern.compile("(?is)^\\s*INSERT\\s+INTO\\s+(\\S+)\\s*\\((.*)\\)\\s*$")
                .matcher(insertStatement);
        if (!m.matches()) {
            throw new StoreException("Insert statements name their columns: " + insertStatement);
        }
        var columns = java.util.Arrays.stream(m.group(2).split(",")).map(String::strip).toList();
        var settings = new InsertSettings();
        defaultSettings.forEach(settings::serverSetting);
        try (var response = client.insert(m.group(1), columns, data, ClickHouseFormat.valueOf(format), settings)
                .get(timeoutSeconds, TimeUnit.SECONDS)) {
            return response.getWrittenRows();
        } catch (Exception e) {
            throw translate(e);
        }
    }

    private QuerySettings settings(ClickHouseFormat format) {
        var settings = new QuerySettings().setFormat(format);
        defaultSettings.forEach(settings::serverSetting);
        return settings;
    }

    private static Map<String, Object> params(Sql sql) {
        return new LinkedHashMap<>(sql.params());
    }

    private static RuntimeException translate(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        if (cause instanceof StoreException se) {
            return se;
        }
        if (cause instanceof IOException io && io.getCause() instanceof StoreException se) {
            return se;
        }
        return new StoreException(String.valueOf(cause.getMessage()), cause);
    }

    @Override
    public void close() {
        client.close();
    }
}
