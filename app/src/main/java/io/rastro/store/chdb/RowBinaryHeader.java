package io.rastro.store.chdb;

import java.util.Arrays;

/**
 * The RowBinaryWithNamesAndTypes header (column count, names, types). chDB repeats it at the start of every
 * streamed chunk (pitfall 4 in docs/chdb-pitfalls.md); the decoder expects it once, so later copies are cut off.
 */
final class RowBinaryHeader {

    private RowBinaryHeader() {
    }

    /** Length in bytes of the header at the start of {@code chunk}, or -1 if the chunk is shorter than one. */
    static int length(byte[] chunk) {
        var cursor = new int[] {0};
        var columns = varint(chunk, cursor);
        if (columns < 0) {
            return -1;
        }
        for (long i = 0; i < columns * 2; i++) {
            var len = varint(chunk, cursor);
            if (len < 0 || cursor[0] + len > chunk.length) {
                return -1;
            }
            cursor[0] += (int) len;
        }
        return cursor[0];
    }

    /** True when {@code chunk} starts with exactly {@code header}. */
    static boolean startsWith(byte[] chunk, byte[] header) {
        return chunk.length >= header.length
                && Arrays.equals(chunk, 0, header.length, header, 0, header.length);
    }

    private static long varint(byte[] bytes, int[] cursor) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (cursor[0] >= bytes.length) {
                return -1;
            }
            var b = bytes[cursor[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return -1;
    }
}
