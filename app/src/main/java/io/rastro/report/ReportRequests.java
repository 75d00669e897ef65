package io.rastro.report;

import io.rastro.report.Enums.CountDimension;
import io.rastro.report.Enums.MessageSort;
import io.rastro.report.Enums.TimeBucket;

import java.util.List;

/** The inputs of the report operations, as GraphQL binds them. */
public final class ReportRequests {

    private ReportRequests() {
    }

    public record MessagesInput(MessageFilterInput filter, String savedSearchId, Integer first, String after,
                                MessageSort sort) {
    }

    public record ConversationsInput(MessageFilterInput filter, String savedSearchId, Integer first, String after,
                                     MessageSort sort) {
    }

    public record MessageCountsInput(MessageFilterInput filter, String savedSearchId, List<CountDimension> groupBy,
                                     TimeBucket bucket, String timeZone) {
    }

    public record QuickReplyClicksInput(MessageFilterInput.PeriodInput period, List<String> campaigns,
                                        List<String> subaccounts) {
    }
}
