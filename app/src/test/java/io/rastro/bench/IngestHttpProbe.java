package io.rastro.bench;

import io.rastro.demo.DemoIdentities;

import java.net.http.HttpRequest;

/**
 * 10 (HTTP). Ingestion over the API: events/s posting NDJSON batches to {@code POST /api/v1/events}. The endpoint
 * is being built on another branch; this class asks it, with Acme's ingestion token and an empty batch, whether
 * it exists (anything but 404) and, until the posting workload is written here, says so instead of measuring.
 */
final class IngestHttpProbe implements Workload {

    @Override
    public String id() {
        return "10-http";
    }

    @Override
    public String title() {
        return "ingestion: NDJSON batches to POST /api/v1/events";
    }

    @Override
    public WorkloadResult run(BenchContext ctx) throws Exception {
        var response = ctx.http().sendAs(HttpRequest.newBuilder(ctx.http().base().resolve("/api/v1/events"))
                .header("Authorization", "Bearer " + DemoIdentities.ACME_INGEST_TOKEN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        if (response.statusCode() == 404) {
            return WorkloadResult.skipped(this, "skipped: endpoint not present");
        }
        return WorkloadResult.skipped(this, "skipped: endpoint present (HTTP " + response.statusCode()
                + " to an empty batch), ingestion workload not yet written");
    }
}
