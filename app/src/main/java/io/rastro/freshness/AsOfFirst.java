package io.rastro.freshness;

import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.rastro.security.CurrentPrincipal;
import io.rastro.web.ApiException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads the caller's {@code dataAsOf} once per request, before the first root field that asks for it runs its
 * statement. Read after the answer's rows, a batch acknowledged in between would make {@code dataAsOf} claim rows
 * the answer does not hold; read first, it can only err early. It is also one read per request, however many
 * answers (or aliases) select it. {@link FreshnessController} takes it from the request's context.
 */
@Component
class AsOfFirst extends SimplePerformantInstrumentation {

    /** The request context's key: an {@code Optional<Instant>}, empty when nothing was ever ingested. */
    static final String KEY = AsOfFirst.class.getName();

    private final Freshness freshness;

    AsOfFirst(Freshness freshness) {
        this.freshness = freshness;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        var env = parameters.getEnvironment();
        var info = env.getExecutionStepInfo();
        // freshness reads its own, with its sources
        if (!"Query".equals(info.getObjectType().getName()) || "freshness".equals(info.getFieldDefinition().getName())
                || !env.getSelectionSet().contains("dataAsOf")) {
            return fetcher;
        }
        return e -> {
            GraphQLContext context = e.getGraphQlContext();
            try {
                var account = CurrentPrincipal.require().accountId();
                context.computeIfAbsent(KEY, k -> freshness.dataAsOf(account));
            } catch (ApiException noCaller) {
                // not signed in: the field itself refuses the request
            }
            return fetcher.get(e);
        };
    }

    /** What this request read first, or null when no root field read it (then the caller reads it now). */
    @SuppressWarnings("unchecked")
    static Optional<Instant> read(GraphQLContext context) {
        return (Optional<Instant>) context.get(KEY);
    }
}
