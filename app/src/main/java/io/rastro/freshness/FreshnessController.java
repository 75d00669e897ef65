package io.rastro.freshness;

import io.rastro.security.CurrentPrincipal;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** {@code freshness}: the caller's account's dataAsOf and its sources ({@link AnswerDataAsOf} serves the answers'). */
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

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
