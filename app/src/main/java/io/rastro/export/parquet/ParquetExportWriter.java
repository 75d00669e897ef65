package io.rastro.export.parquet;

import io.rastro.export.ExportColumn;
import io.rastro.export.ExportContext;
import io.rastro.export.ExportFormat;
import io.rastro.export.FormatWriter;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;

/**
 * Parquet for BI tools, written by the engine itself: the JVM only moves its bytes to the file, so this is the
 * fastest format and the rows are never decoded here. Columns carry stable names ({@link ExportColumn#key()}),
 * independent of the locale; instants are DateTime64(3) in UTC, as stored (a BI tool applies its own zone). The
 * file's key-value metadata says which data it holds: {@value #DATA_AS_OF} and {@value #CUTOFF}, ISO-8601 in UTC.
 */
@Component
public class ParquetExportWriter implements FormatWriter {

    /** Every batch acknowledged up to this instant is in the file. */
    public static final String DATA_AS_OF = "rastro.data_as_of";
    /** Messages first ingested after this instant are not in the file. */
    public static final String CUTOFF = "rastro.cutoff";

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
        var entries = new LinkedHashMap<String, String>();
        entries.put(DATA_AS_OF, context.snapshot().dataAsOf().toString());
        entries.put(CUTOFF, context.snapshot().cutoff().toString());
        ParquetFooter.addKeyValues(file, entries);
    }
}
