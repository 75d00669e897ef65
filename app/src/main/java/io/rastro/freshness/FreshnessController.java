package io.rastro.freshness;

import graphql.GraphQLContext;
import io.rastro.security.CurrentPrincipal;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code freshness}, and {@code dataAsOf} on every report answer. The field is resolved only when a client selects
 * it, from the caller's account: a report answer never names the account it is about.
 */
@Controller
public class FreshnessController {

    private final Freshness freshness;

    public FreshnessController(Freshness freshness) {
        this.freshness = freshness;
    }

    @QueryMapping
    @PreAuthorize("hasRole('REPORT')")
    public Freshness.Report freshness() {
        var caller = CurrentPrincipal.require();
        var report = freshness.report(caller.accountId());
        // a source is named after a token or a person of the account: only its administrators see them
        return caller.isAdmin() ? report : new Freshness.Report(report.dataAsOf(), java.util.List.of());
    }

    @SchemaMapping(typeName = "Freshness", field = "dataAsOf")
    public OffsetDateTime reportDataAsOf(Freshness.Report report) {
        return utc(report.dataAsOf());
    }

    @SchemaMapping(typeName = "IngestSource", field = "watermark")
    public OffsetDateTime watermark(Freshness.Source source) {
        return utc(source.watermark());
    }

    @SchemaMapping(typeName = "IngestSource", field = "lastBatchAt")
    public OffsetDateTime lastBatchAt(Freshness.Source source) {
        return utc(source.lastBatchAt());
    }

    @SchemaMapping(typeName = "MessageConnection", field = "dataAsOf")
    public OffsetDateTime messages(GraphQLContext context) {
        return dataAsOf(context);
    }

    @SchemaMapping(typeName = "ConversationConnection", field = "dataAsOf")
    public OffsetDateTime conversations(GraphQLContext context) {
        return dataAsOf(context);
    }

    @SchemaMapping(typeName = "MessageCountReport", field = "dataAsOf")
    public OffsetDateTime counts(GraphQLContext context) {
        return dataAsOf(context);
    }

    @SchemaMapping(typeName = "FunnelReport", field = "dataAsOf")
    public OffsetDateTime funnel(GraphQLContext context) {
        return dataAsOf(context);
    }

    @SchemaMapping(typeName = "FailureAnalysis", field = "dataAsOf")
    public OffsetDateTime failures(GraphQLContext context) {
        return dataAsOf(context);
    }

    @SchemaMapping(typeName = "MarketingFatigue", field = "dataAsOf")
    public OffsetDateTime fatigue(GraphQLContext context) {
        return dataAsOf(context);
    }

    /**
     * As read before the answer's statement ({@link AsOfFirst}); the parent answer was already authorised by its
     * own query, and the account is the caller's.
     */
    private OffsetDateTime dataAsOf(GraphQLContext context) {
        var first = AsOfFirst.read(context);
        var asOf = first != null ? first : freshness.dataAsOf(CurrentPrincipal.require().accountId());
        return utc(asOf.orElse(null));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
