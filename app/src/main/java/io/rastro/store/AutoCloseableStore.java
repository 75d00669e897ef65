package io.rastro.store;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** The application's store bean: delegates to the chosen engine and closes it with the context. */
public final class AutoCloseableStore implements Store, AutoCloseable {

    private final Store delegate;

    AutoCloseableStore(Store delegate) {
        this.delegate = delegate;
    }

    @Override
    public EngineInfo info() {
        return delegate.info();
    }

    @Override
    public void execute(Sql sql) {
        delegate.execute(sql);
    }

    @Override
    public long stream(Sql sql, RowConsumer consumer) {
        return delegate.stream(sql, consumer);
    }

    @Override
    public long streamFormatted(Sql sql, String format, OutputStream out) {
        return delegate.streamFormatted(sql, format, out);
    }

    @Override
    public long insert(String insertStatement, String format, InputStream data) {
        return delegate.insert(insertStatement, format, data);
    }

    @Override
    public long read(Sql sql, RowConsumer consumer) {
        return delegate.read(sql, consumer);
    }

    @Override
    public <T> List<T> query(Sql sql, RowMapper<T> mapper) {
        return delegate.query(sql, mapper);
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
