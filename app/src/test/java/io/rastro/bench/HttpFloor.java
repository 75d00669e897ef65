package io.rastro.bench;

import io.rastro.demo.DemoIdentities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Diagnostic, not a target: the cheapest GraphQL request ({@code { __typename }}, no statement of its own) sent
 * with HTTP Basic as ana and with Acme's read-only API token. Whatever a report request costs above the engine,
 * at least this much is HTTP, authentication and GraphQL; the difference between the two is the price of Basic
 * authentication (a password hash check and a user lookup per request) against a token check.
 */
final class HttpFloor implements Workload {

    @Override
    public String id() {
        return "floor";
    }

    @Override
    public String title() {
        return "HTTP + auth + GraphQL floor ({__typename}); Basic vs token";
    }

    @Override
    public WorkloadResult run(BenchContext ctx) throws Exception {
        var basic = ctx.http();
        var token = new GraphQlHttp(basic.base(), "Bearer " + DemoIdentities.ACME_BI_TOKEN);
        var warmup = ctx.warmup();
        while (warmup.more()) {
            basic.query(Documents.TYPENAME, Map.of());
            token.query(Documents.TYPENAME, Map.of());
        }
        var withBasic = new ArrayList<Long>();
        var withToken = new ArrayList<Long>();
        for (int i = 0; i < ctx.config().reps(); i++) {
            withBasic.add(basic.query(Documents.TYPENAME, Map.of()).nanos());
            withToken.add(token.query(Documents.TYPENAME, Map.of()).nanos());
        }
        var tokenStats = Stats.ofNanos(withToken);
        var extra = new LinkedHashMap<String, Object>();
        extra.put("tokenMedianMs", Stats.round(tokenStats.median()));
        extra.put("tokenP95Ms", Stats.round(tokenStats.p95()));
        return new WorkloadResult(id(), title(), Stats.ofNanos(withBasic), null, extra,
                "Rastro column: Basic (ana); with the read token: median " + Stats.round(tokenStats.median())
                        + " ms, p95 " + Stats.round(tokenStats.p95()) + " ms", null);
    }
}
