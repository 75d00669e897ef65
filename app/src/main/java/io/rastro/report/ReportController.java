package io.rastro.report;

import graphql.schema.DataFetchingEnvironment;
import io.rastro.report.MessageView.StatusStep;
import io.rastro.report.ReportRequests.MessageCountsInput;
import io.rastro.report.ReportRequests.MessagesInput;
import io.rastro.report.ReportRequests.QuickReplyClicksInput;
import io.rastro.report.ReportResults.MessageConnection;
import io.rastro.report.ReportResults.MessageCountReport;
import io.rastro.report.ReportResults.QuickReplyClickCount;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The report's GraphQL operations; thin, all work is in {@link ReportService}. */
@Controller
public class ReportController {

    private final ReportService reports;
    private final FilterOptions options;

    public ReportController(ReportService reports, FilterOptions options) {
        this.reports = reports;
        this.options = options;
    }

    @QueryMapping
    public FilterOptions.Options filterOptions(@Argument FilterOptions.FilterOptionsInput input) {
        return options.options(input);
    }

    /** Reads only the columns the selected fields of the page's messages need. */
    @QueryMapping
    public MessageConnection messages(@Argument MessagesInput input, DataFetchingEnvironment env) {
        return reports.messages(input, columns(env, "edges/node/*"));
    }

    /**
     * When the request selects {@code history}, the service reads it beside the message, and it is handed to the
     * history batch loader ahead of time, so that field does not run a statement of its own after this one.
     */
    @QueryMapping
    public MessageView message(@Argument String id, DataFetchingEnvironment env) {
        var found = reports.message(id, env.getSelectionSet().contains("history"), columns(env, "*"));
        if (found.history() != null) {
            DataLoader<MessageView, List<StatusStep>> loader = env.getDataLoader(
                    (found.message() instanceof MessageView.SentMessage ? "SentMessage" : "ReceivedMessage") + ".history");
            if (loader != null) {
                loader.prime(found.message(), found.history());
            }
        }
        return found.message();
    }

    /** The columns for the message fields selected at {@code glob} (fragments on either message type included). */
    private static Set<MessageColumns.Column> columns(DataFetchingEnvironment env, String glob) {
        return MessageColumns.forFields(env.getSelectionSet().getFields(glob).stream()
                .map(graphql.schema.SelectedField::getName).toList());
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
