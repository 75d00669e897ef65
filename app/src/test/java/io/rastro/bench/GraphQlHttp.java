package io.rastro.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GraphQL client as a real one would be: JSON over HTTP/1.1 with an Authorization header, one connection pool
 * shared by all callers. The timed span is request sent to last body byte received; parsing the JSON afterwards
 * is the client's own cost and is not counted.
 */
public final class GraphQlHttp {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient client;
    private final URI base;
    private final String authorization;

    /** The timed result of one request. */
    public record Response(long nanos, int status, JsonNode body) {
        public JsonNode data() {
            return body.path("data");
        }
    }

    public GraphQlHttp(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
        // HTTP/1.1: no h2c upgrade attempt on new connections, which would add a header and a code path that a
        // browser or BI tool talking to a TLS-terminating proxy never takes. The client's own threads are platform
        // threads (the default executor): the server in this JVM runs its requests on virtual threads, and a client
        // on the same few carrier threads would wait behind the server's engine calls (a native call pins its
        // carrier), which a real, separate client never does.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI base() {
        return base;
    }

    /** Posts a GraphQL document; a non-200 answer or any GraphQL error is an exception (a benchmark error). */
    public Response query(String document, Map<String, Object> variables) throws IOException, InterruptedException {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("query", document);
        payload.put("variables", variables);
        var request = HttpRequest.newBuilder(base.resolve("/graphql"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json, application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload)))
                .build();
        var started = System.nanoTime();
        var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        var nanos = System.nanoTime() - started;
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new IOException("HTTP " + response.statusCode() + " with a body that is not JSON: "
                    + new String(response.body(), StandardCharsets.UTF_8), e);
        }
        if (response.statusCode() != 200 || body.has("errors") && !body.path("errors").isEmpty()) {
            throw new IOException("HTTP " + response.statusCode() + ": " + body);
        }
        return new Response(nanos, response.statusCode(), body);
    }

    /** Sends any request with this client's credentials (probes of endpoints other than /graphql). */
    public HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Any request with this client's credentials, with the caller's body handler (downloads stream). */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client.send(request.header("Authorization", authorization).build(), handler);
    }

    /** The same request without the default credentials (the caller sets its own Authorization). */
    public HttpResponse<byte[]> sendAs(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Indented JSON, for the result files (read by people in diffs as much as by tools). */
    public static String pretty(Object value) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
