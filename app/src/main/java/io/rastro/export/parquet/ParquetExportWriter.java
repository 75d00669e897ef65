package io.rastro.export.parquet;

import io.rastro.export.ExportColumn;
import io.rastro.export.ExportContext;
import io.rastro.export.ExportFormat;
import io.rastro.export.FormatWriter;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/**
 * Parquet for BI tools, written by the engine itself: the JVM only moves its bytes to the file, so this is the
 * fastest format and the rows are never decoded here. Columns carry stable names ({@link ExportColumn#key()}),
 * independent of the locale; instants are DateTime64(3) in UTC, as stored (a BI tool applies its own zone). The
 * file's key-value metadata says which data it holds ({@link ExportContext.Snapshot#metadata}).
 */
@Component
public class ParquetExportWriter implements FormatWriter {

    @Override
    public ExportFormat format() {
        return ExportFormat.PARQUET;
    }

    @Override
    public long write(ExportContext context, OutputStream out) throws IOException {
        context.store().streamFormatted(context.sql(), "Parquet", out);
        out.flush();
        return -1;
    }

    @Override
    public void finish(ExportContext context, FileChannel file) throws IOException {
        ParquetFooter.addKeyValues(file, context.snapshot().metadata());
    }
}
