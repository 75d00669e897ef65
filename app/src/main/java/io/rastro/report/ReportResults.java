package io.rastro.report;

import io.rastro.report.Enums.CountDimension;
import io.rastro.report.MessageView.Campaign;
import io.rastro.report.MessageView.QuickReplyButton;

import java.time.OffsetDateTime;
import java.util.List;

/** What the report operations return, shaped as the GraphQL contract. */
public final class ReportResults {

    private ReportResults() {
    }

    public record Period(OffsetDateTime from, OffsetDateTime to) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    public record Edge<T>(String cursor, T node) {
    }

    public record MessageConnection(long totalCount, List<Edge<MessageView>> edges, PageInfo pageInfo,
                                    Period period) {
    }

    public record DimensionValue(CountDimension dimension, String value) {
    }

    public record CountGroup(OffsetDateTime bucket, List<DimensionValue> keys, long count) {
    }

    public record MessageCountReport(long total, List<CountGroup> groups, Period period) {
    }

    public record QuickReplyClickCount(Campaign campaign, QuickReplyButton button, long count, long contacts) {
    }
}
