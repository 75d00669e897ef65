package io.rastro.export.parquet;

import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Adds key-value metadata to a Parquet file the engine wrote, which has no setting for it. A Parquet file ends
 * with its footer (the thrift FileMetaData), the footer's length and {@code PAR1}; nothing before the footer points
 * into it, so the footer is read, amended and written again in place of the old one: only the footer is in memory
 * (a few KB per row group), never the rows.
 */
final class ParquetFooter {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private ParquetFooter() {
    }

    static void addKeyValues(FileChannel file, Map<String, String> entries) throws IOException {
        var size = file.size();
        var tail = read(file, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        var length = tail.getInt(0);
        if (!endsWithMagic(tail) || length <= 0 || length > size - 12) {
            throw new IOException("not a Parquet file: no footer at its end");
        }
        var start = size - 8 - length;
        var metadata = Util.readFileMetaData(new ByteArrayInputStream(read(file, start, length).array()));
        entries.forEach((key, value) -> metadata.addToKey_value_metadata(new KeyValue(key).setValue(value)));
        var footer = new ByteArrayOutputStream(length + 256);
        Util.writeFileMetaData(metadata, footer);
        var end = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).put(MAGIC).flip();
        file.truncate(start);
        write(file, start, ByteBuffer.wrap(footer.toByteArray()));
        write(file, start + footer.size(), end);
    }

    private static boolean endsWithMagic(ByteBuffer tail) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (tail.get(4 + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer read(FileChannel file, long position, int length) throws IOException {
        var buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the Parquet file ended early");
            }
        }
        return buffer;
    }

    private static void write(FileChannel file, long position, ByteBuffer bytes) throws IOException {
        var from = position;
        while (bytes.hasRemaining()) {
            from += file.write(bytes, from);
        }
    }
}
