package io.rastro.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes rows in the engine's {@code RowBinary} input format, for {@link Store#insert}: the values of each row in
 * the order of the INSERT's column list, with no names, separators or escaping. The engine reads it with no
 * parsing at all, where JSONEachRow costs it a text parse per value (and the JVM a JSON generator per row).
 *
 * <p>Only the encodings the ingestion tables need: {@code String} (also {@code LowCardinality(String)}),
 * {@code DateTime64(3)}, {@code Nullable(DateTime64(3))}, {@code Bool}, {@code Enum8}, {@code UInt32} and
 * {@code UInt64}. The caller picks the method that matches each column's declared type; a mismatch is not
 * detected here, which is why every row type that uses this writer is checked by reading its rows back.
 */
public final class RowBinaryWriter {

    private final OutputStream out;
    private final byte[] scratch = new byte[10];

    /** Writes into {@code out}, which should be buffered: values go out a few bytes at a time. */
    public RowBinaryWriter(OutputStream out) {
        this.out = out;
    }

    /** {@code String}: the UTF-8 length as a LEB128 varint, then the bytes. */
    public RowBinaryWriter string(String value) {
        var bytes = value.getBytes(StandardCharsets.UTF_8);
        varint(bytes.length);
        return bytes(bytes, bytes.length);
    }

    /** {@code String} from bytes as they are (a body kept byte for byte): the length as a varint, then the bytes. */
    public RowBinaryWriter string(byte[] value) {
        varint(value.length);
        return bytes(value, value.length);
    }

    /** {@code Array(String)}: the number of elements as a varint, then each string. */
    public RowBinaryWriter strings(java.util.List<String> values) {
        varint(values.size());
        for (var v : values) {
            string(v);
        }
        return this;
    }

    /** {@code DateTime64(3)}: milliseconds since the epoch, a little-endian Int64. */
    public RowBinaryWriter dateTime64(Instant value) {
        return int64(value.toEpochMilli());
    }

    /** {@code Nullable(DateTime64(3))}: a null flag byte, then the value when there is one. */
    public RowBinaryWriter nullableDateTime64(Instant value) {
        if (value == null) {
            return uint8(1);
        }
        uint8(0);
        return dateTime64(value);
    }

    /** {@code Bool}: one byte, 0 or 1. */
    public RowBinaryWriter bool(boolean value) {
        return uint8(value ? 1 : 0);
    }

    /** {@code Nullable(Bool)}: a null flag byte, then the value when there is one. */
    public RowBinaryWriter nullableBool(Boolean value) {
        if (value == null) {
            return uint8(1);
        }
        uint8(0);
        return bool(value);
    }

    /** {@code Enum8}: the element's declared number, one byte. */
    public RowBinaryWriter enum8(int value) {
        return uint8(value);
    }

    /** {@code UInt32}: four little-endian bytes. */
    public RowBinaryWriter uint32(long value) {
        for (int i = 0; i < 4; i++) {
            scratch[i] = (byte) (value >>> (8 * i));
        }
        return bytes(scratch, 4);
    }

    /** {@code UInt64} (or Int64): eight little-endian bytes. */
    public RowBinaryWriter int64(long value) {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (value >>> (8 * i));
        }
        return bytes(scratch, 8);
    }

    private RowBinaryWriter uint8(int value) {
        try {
            out.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void varint(int value) {
        var n = 0;
        while ((value & ~0x7F) != 0) {
            scratch[n++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        scratch[n++] = (byte) value;
        bytes(scratch, n);
    }

    private RowBinaryWriter bytes(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
