package io.rastro.insight;

import io.rastro.report.MessageView;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

/** The insights' GraphQL operations and the reply fields of SentMessage; thin, the work is in the services. */
@Controller
public class InsightController {

    /** Absent from the batch's answer: no reply (a null the DataLoader hands on as such). */
    private static final Replies.ReplySummary NONE = new Replies.ReplySummary(null, 0);

    private final Funnel funnel;
    private final Failures failures;

    public InsightController(Funnel funnel, Failures failures, Replies replies, BatchLoaderRegistry registry) {
        this.funnel = funnel;
        this.failures = failures;
        // One loader for both reply fields, so a page asking for reply and replyCount runs one statement.
        registry.forTypePair(MessageView.SentMessage.class, Replies.ReplySummary.class)
                .registerMappedBatchLoader((sent, env) -> Mono.fromCallable(() -> {
                    var byId = replies.of(java.util.List.copyOf(sent));
                    var out = new java.util.HashMap<MessageView.SentMessage, Replies.ReplySummary>();
                    for (var m : sent) {
                        out.put(m, byId.getOrDefault(m.id(), NONE));
                    }
                    return out;
                }));
    }

    @SchemaMapping(typeName = "SentMessage", field = "reply")
    public CompletableFuture<Replies.Reply> reply(MessageView.SentMessage message,
                                                  DataLoader<MessageView.SentMessage, Replies.ReplySummary> replies) {
        return replies.load(message).thenApply(Replies.ReplySummary::first);
    }

    @SchemaMapping(typeName = "SentMessage", field = "replyCount")
    public CompletableFuture<Integer> replyCount(MessageView.SentMessage message,
                                                 DataLoader<MessageView.SentMessage, Replies.ReplySummary> replies) {
        return replies.load(message).thenApply(Replies.ReplySummary::count);
    }

    @QueryMapping
    public Funnel.FunnelReport funnel(@Argument Funnel.FunnelInput input) {
        return funnel.funnel(input);
    }

    @QueryMapping
    public Failures.FailureAnalysis failureAnalysis(@Argument Failures.FailureAnalysisInput input) {
        return failures.analyse(input);
    }

    @QueryMapping
    public Failures.MarketingFatigue marketingFatigue(@Argument Failures.MarketingFatigueInput input) {
        return failures.fatigue(input);
    }
}
