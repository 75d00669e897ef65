package io.rastro.report;

import io.rastro.TestEngine;
import io.rastro.store.Sql;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group cap that bounds messageCounts ({@link ReportQueries#capGroups}) on the real engine: past the cap the
 * answer comes back cut to cap + 1 rows, never as an engine failure, however many threads aggregate and however
 * the rows fall between them; at or under the cap it is whole. The service refuses a cut answer, so this is what
 * makes "too many groups" one outcome with one message (a refusal that used to depend on thread timing).
 */
class GroupCapTest {

    private static final int CAP = 1_000;

    private static long rows(int groups, int threads) {
        var sql = ReportQueries.capGroups(Sql.of("SELECT number % " + groups + " AS g, count() AS c FROM numbers_mt(3000000)"
                + " GROUP BY g ORDER BY c DESC, g LIMIT {max_groups:UInt32}"), CAP)
                .setting("max_threads", threads).setting("max_block_size", 8192);
        return TestEngine.store().query(sql, r -> r.getLong("c")).size();
    }

    @ParameterizedTest(name = "{0} groups on {1} threads")
    @CsvSource({"1001, 1", "1002, 1", "1002, 4", "5000, 1", "5000, 2", "5000, 8", "2000000, 2", "2000000, 8"})
    void overTheCapTheAnswerIsCutToOneRowPastIt(int groups, int threads) {
        assertThat(rows(groups, threads)).isEqualTo(CAP + 1);
    }

    @ParameterizedTest(name = "{0} groups on {1} threads")
    @CsvSource({"1, 4", "999, 1", "1000, 1", "1000, 8"})
    void atOrUnderTheCapTheAnswerIsWhole(int groups, int threads) {
        assertThat(rows(groups, threads)).isEqualTo(groups);
    }
}
