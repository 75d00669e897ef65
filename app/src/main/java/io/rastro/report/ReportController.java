package io.rastro.report;

import io.rastro.report.MessageView.StatusStep;
import io.rastro.report.ReportRequests.MessageCountsInput;
import io.rastro.report.ReportRequests.MessagesInput;
import io.rastro.report.ReportRequests.QuickReplyClicksInput;
import io.rastro.report.ReportResults.MessageConnection;
import io.rastro.report.ReportResults.MessageCountReport;
import io.rastro.report.ReportResults.QuickReplyClickCount;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** The report's GraphQL operations; thin, all work is in {@link ReportService}. */
@Controller
public class ReportController {

    private final ReportService reports;

    public ReportController(ReportService reports) {
        this.reports = reports;
    }

    @QueryMapping
    public MessageConnection messages(@Argument MessagesInput input) {
        return reports.messages(input);
    }

    @QueryMapping
    public MessageView message(@Argument String id) {
        return reports.message(id);
    }

    @QueryMapping
    public MessageCountReport messageCounts(@Argument MessageCountsInput input) {
        return reports.counts(input);
    }

    @QueryMapping
    public List<QuickReplyClickCount> quickReplyClicks(@Argument QuickReplyClicksInput input) {
        return reports.quickReplyClicks(input);
    }

    @BatchMapping(typeName = "SentMessage", field = "history")
    public Map<MessageView, List<StatusStep>> sentHistory(List<MessageView> messages) {
        return reports.histories(messages);
    }

    @BatchMapping(typeName = "ReceivedMessage", field = "history")
    public Map<MessageView, List<StatusStep>> receivedHistory(List<MessageView> messages) {
        return reports.histories(messages);
    }

    @BatchMapping(typeName = "ReceivedMessage", field = "inReplyTo")
    public Map<MessageView.ReceivedMessage, MessageView.SentMessage> inReplyTo(List<MessageView.ReceivedMessage> replies) {
        return reports.repliedTo(replies);
    }
}
