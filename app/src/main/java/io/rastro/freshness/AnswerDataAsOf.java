package io.rastro.freshness;

import graphql.GraphQLContext;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import io.rastro.security.CurrentPrincipal;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code dataAsOf} on every report answer: one fetcher for all of them. The value is the one read before the
 * answer's statement ({@link AsOfFirst}); the answer was already authorised by its own query, and the account is
 * the caller's, since a report answer never names the account it is about.
 */
@Component
class AnswerDataAsOf implements RuntimeWiringConfigurer {

    /** The report answers that carry {@code dataAsOf} (graphql/report.graphqls and insight.graphqls). */
    static final List<String> ANSWERS = List.of("MessageConnection", "ConversationConnection", "MessageCountReport",
            "FunnelReport", "FailureAnalysis", "MarketingFatigue");

    private final Freshness freshness;

    AnswerDataAsOf(Freshness freshness) {
        this.freshness = freshness;
    }

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        DataFetcher<OffsetDateTime> fetcher = env -> dataAsOf(env.getGraphQlContext());
        ANSWERS.forEach(type -> wiring.type(type, t -> t.dataFetcher("dataAsOf", fetcher)));
    }

    private OffsetDateTime dataAsOf(GraphQLContext context) {
        var first = AsOfFirst.read(context);
        var asOf = first != null ? first : freshness.dataAsOf(CurrentPrincipal.require().accountId());
        return FreshnessController.utc(asOf.orElse(null));
    }
}
