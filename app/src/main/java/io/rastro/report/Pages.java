package io.rastro.report;

import io.rastro.report.ReportResults.Edge;
import io.rastro.report.ReportResults.PageInfo;

import java.util.List;
import java.util.function.Function;

/**
 * Keyset pages: statements fetch one row more than the page so the extra row says whether another page follows.
 * Why these and {@link Cursor} rather than Spring's ScrollSubrange and Window: docs/architecture.md, Pagination.
 */
public final class Pages {

    private Pages() {
    }

    /** A page cut from {@code rows} (fetched with limit + 1), with each row's cursor. */
    public record Page<T>(List<Edge<T>> edges, PageInfo pageInfo) {
    }

    public static <T> Page<T> of(List<T> rows, int limit, Function<T, Cursor> cursor) {
        var hasNext = rows.size() > limit;
        var page = hasNext ? rows.subList(0, limit) : rows;
        var edges = page.stream().map(row -> new Edge<>(cursor.apply(row).encode(), row)).toList();
        return new Page<>(edges, new PageInfo(hasNext, false, edges.isEmpty() ? null : edges.getFirst().cursor(),
                edges.isEmpty() ? null : edges.getLast().cursor()));
    }
}
