package io.rastro.export.parquet;

import io.rastro.IntegrationTest;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The footer amended in place keeps everything the engine wrote (schema, row groups, offsets, created_by) and
 * only gains the key-value pairs; the engine reads the amended file's rows back unchanged.
 */
@IntegrationTest
class ParquetFooterTest {

    @Autowired
    Store store;
    @TempDir
    Path dir;

    @Test
    void theAmendedFooterKeepsWhatTheEngineWroteAndAddsTheMetadata() throws IOException {
        var file = dir.resolve("numbers.parquet");
        // several row groups, so the footer has offsets that must survive
        var sql = Sql.of("SELECT number AS n, toString(number) AS s FROM numbers(300000)")
                .setting("output_format_parquet_row_group_size", 50000);
        try (var out = Files.newOutputStream(file)) {
            store.streamFormatted(sql, "Parquet", out);
        }
        var before = footer(file);
        assertThat(before.getRow_groups()).hasSizeGreaterThan(1);
        var entries = new LinkedHashMap<String, String>();
        entries.put("rastro.data_as_of", "2026-03-01T11:58:30Z");
        entries.put("rastro.cutoff", "2026-03-01T12:00:00Z");
        try (var channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ParquetFooter.addKeyValues(channel, entries);
        }
        var after = footer(file);
        var added = after.getKey_value_metadata().subList(after.getKey_value_metadata().size() - 2,
                after.getKey_value_metadata().size());
        assertThat(added).containsExactly(new KeyValue("rastro.data_as_of").setValue("2026-03-01T11:58:30Z"),
                new KeyValue("rastro.cutoff").setValue("2026-03-01T12:00:00Z"));
        var withoutAdded = after.deepCopy();
        var kept = List.copyOf(after.getKey_value_metadata().subList(0, after.getKey_value_metadata().size() - 2));
        withoutAdded.setKey_value_metadata(kept.isEmpty() && !before.isSetKey_value_metadata() ? null : kept);
        assertThat(withoutAdded).isEqualTo(before);

        var table = "rastro.parquet_footer_check_" + Long.toHexString(System.nanoTime());
        store.execute(Sql.of("CREATE TABLE " + table + " (n UInt64, s String) ENGINE = Memory"));
        try (var in = Files.newInputStream(file)) {
            store.insert("INSERT INTO " + table + " (n, s)", "Parquet", in);
            var back = store.query(Sql.of("SELECT count() AS c, sum(n) AS total, max(s) AS top FROM " + table),
                    r -> List.of(r.getLong("c"), r.getLong("total"), r.getString("top")));
            assertThat(back).containsExactly(List.of(300000L, 299999L * 300000L / 2, "99999"));
        } finally {
            store.execute(Sql.of("DROP TABLE IF EXISTS " + table));
        }
    }

    @Test
    void aFileWithNoFooterIsRefusedAndLeftAsItIs() throws IOException {
        var file = dir.resolve("not.parquet");
        Files.writeString(file, "id,text\n1,hello\n");
        try (var channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> ParquetFooter.addKeyValues(channel, Map.of("k", "v")))
                    .isInstanceOf(IOException.class).hasMessageContaining("not a Parquet file");
        }
        assertThat(Files.readString(file)).isEqualTo("id,text\n1,hello\n");
    }

    private static FileMetaData footer(Path file) throws IOException {
        var bytes = Files.readAllBytes(file);
        var length = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
    }
}
