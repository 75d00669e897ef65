package io.rastro.store;

import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.data_formats.RowBinaryWithNamesAndTypesFormatReader;
import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.clickhouse.client.api.query.QuerySettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Decodes RowBinaryWithNamesAndTypes with client-v2's reader, the same way for both engines. Every stored
 * instant is typed {@code DateTime64(3, 'UTC')}; UTC is also the reader's zone for any column without one.
 */
public final class RowBinary {

    private RowBinary() {
    }

    /** Feeds each row to the consumer; returns the number of rows. An empty stream is zero rows. */
    public static long decode(InputStream in, Store.RowConsumer consumer) {
        try {
            var pushback = new PushbackInputStream(in, 1);
            var first = pushback.read();
            if (first < 0) {
                return 0;
            }
            pushback.unread(first);
            var settings = new QuerySettings().setUseTimeZone("UTC");
            var reader = new RowBinaryWithNamesAndTypesFormatReader(pushback, settings,
                    new BinaryStreamReader.DefaultByteBufferAllocator());
            long rows = 0;
            while (reader.hasNext()) {
                reader.next();
                consumer.accept(reader);
                rows++;
            }
            return rows;
        } catch (IOException e) {
            throw unwrap(e);
        } catch (ClientException e) {
            throw unwrap(e);
        }
    }

    /** The engine's own error when the reader wrapped it, so callers see the StoreException. */
    public static StoreException unwrap(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException se) {
                return se;
            }
        }
        return new StoreException(String.valueOf(e.getMessage()), e);
    }
}
