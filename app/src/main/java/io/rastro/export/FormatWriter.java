package io.rastro.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/** Writes one export file in one format, streaming rows from the engine to {@code out} as they come. */
public interface FormatWriter {

    ExportFormat format();

    /**
     * Writes the whole file to {@code out} and flushes it (without closing it).
     *
     * @return rows written, or -1 when the rows were written by the engine and not counted here
     */
    long write(ExportContext context, OutputStream out) throws IOException;

    /**
     * Amends the written file in place, once {@link #write} has flushed it to {@code file} (open for reading and
     * writing): for what a format can only say after its last row (Parquet's footer metadata).
     */
    default void finish(ExportContext context, FileChannel file) throws IOException {
    }
}
