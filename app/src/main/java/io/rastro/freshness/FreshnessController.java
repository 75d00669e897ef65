package io.rastro.freshness;

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
        return freshness.report(CurrentPrincipal.require().accountId());
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
    public OffsetDateTime messages() {
        return dataAsOf();
    }

    @SchemaMapping(typeName = "ConversationConnection", field = "dataAsOf")
    public OffsetDateTime conversations() {
        return dataAsOf();
    }

    @SchemaMapping(typeName = "MessageCountReport", field = "dataAsOf")
    public OffsetDateTime counts() {
        return dataAsOf();
    }

    @SchemaMapping(typeName = "FunnelReport", field = "dataAsOf")
    public OffsetDateTime funnel() {
        return dataAsOf();
    }

    @SchemaMapping(typeName = "FailureAnalysis", field = "dataAsOf")
    public OffsetDateTime failures() {
        return dataAsOf();
    }

    @SchemaMapping(typeName = "MarketingFatigue", field = "dataAsOf")
    public OffsetDateTime fatigue() {
        return dataAsOf();
    }

    /** The parent answer was already authorised by its own query; the account is the caller's. */
    private OffsetDateTime dataAsOf() {
        return utc(freshness.dataAsOf(CurrentPrincipal.require().accountId()).orElse(null));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
