package io.rastro;

import io.rastro.demo.DemoIdentities;
import org.springframework.graphql.GraphQlRequest;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.client.GraphQlTransport;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** GraphQL and HTTP clients for the demo identities, against the running test server. */
public final class Clients {

    private Clients() {
    }

    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + DemoIdentities.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /**
     * A GraphQL tester over real HTTP sending the given Authorization header (null: anonymous). GraphQL errors
     * come back as errors to assert on; an HTTP 401/403 comes back as an UNAUTHORIZED/FORBIDDEN error.
     */
    public static GraphQlTester graphQl(int port, String authorization) {
        var builder = RestClient.builder().baseUrl("http://localhost:" + port + "/graphql");
        if (authorization != null) {
            builder.defaultHeader("Authorization", authorization);
        }
        var client = builder.build();
        GraphQlTransport transport = new GraphQlTransport() {
            @Override
            public Mono<GraphQlResponse> execute(GraphQlRequest request) {
                return Mono.fromCallable(() -> client.post().contentType(MediaType.APPLICATION_JSON)
                        .body(request.toMap()).exchange((req, res) -> {
                            if (res.getStatusCode().value() == 401 || res.getStatusCode().value() == 403) {
                                var type = res.getStatusCode().value() == 401 ? "UNAUTHORIZED" : "FORBIDDEN";
                                return GraphQlTransport.createResponse(Map.of("errors", List.of(Map.of(
                                        "message", "HTTP " + res.getStatusCode().value(),
                                        "extensions", Map.of("classification", type, "httpStatus", res.getStatusCode().value())))));
                            }
                            @SuppressWarnings("unchecked")
                            Map<String, Object> body = res.bodyTo(Map.class);
                            return GraphQlTransport.createResponse(body);
                        }));
            }

            @Override
            public Flux<GraphQlResponse> executeSubscription(GraphQlRequest request) {
                return Flux.error(new UnsupportedOperationException("no subscriptions over HTTP"));
            }
        };
        return GraphQlTester.builder(transport).build();
    }

    public static GraphQlTester as(int port, String user) {
        return graphQl(port, basic(user));
    }

    public static RestClient http(int port, String authorization) {
        var builder = RestClient.builder().baseUrl("http://localhost:" + port);
        if (authorization != null) {
            builder.defaultHeader("Authorization", authorization);
        }
        return builder.build();
    }
}
