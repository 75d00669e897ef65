package io.rastro.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Array parameters are cut by count and by the text a ClickHouse server accepts in one parameter. */
class SqlValuesChunksTest {

    @Test
    void chunksKeepOrderAndRespectBothTheCountAndTheTextCap() {
        var ids = IntStream.range(0, 10_000).mapToObj(i -> "wamid.HBgLNTUxMTk4NzY1NDMyFQIAERgSMDAwMDAwMDAwMDAw" + i)
                .toList();
        var parts = SqlValues.chunks(ids, 5000, id -> id);
        var joined = new ArrayList<String>();
        parts.forEach(joined::addAll);
        assertThat(joined).isEqualTo(ids);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part).hasSizeLessThanOrEqualTo(5000);
            var sent = java.net.URLEncoder.encode(SqlValues.format(part), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(sent.length()).isLessThanOrEqualTo(SqlValues.MAX_ARRAY_PARAMETER_BYTES);
        });
        // ~60 bytes an id as sent: the size cap, not the count, cuts these.
        assertThat(parts.size()).isGreaterThan(2);
        assertThat(SqlValues.chunks(ids.subList(0, 10), 3, id -> id)).extracting(List::size).containsExactly(3, 3, 3, 1);
        assertThat(SqlValues.chunks(List.<String>of(), 3, id -> id)).isEmpty();
        var accented = List.of("ação", "niño=+/", "\uD83D\uDE00");
        for (var s : accented) {
            assertThat(SqlValues.encodedLength(s)).isEqualTo(java.net.URLEncoder.encode(s,
                    java.nio.charset.StandardCharsets.UTF_8).length());
        }
    }
}
