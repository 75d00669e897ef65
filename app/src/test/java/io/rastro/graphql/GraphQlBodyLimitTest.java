package io.rastro.graphql;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /graphql takes at most rastro.graphql.max-body-size (1 MB); a larger body is 413 with a JSON body. */
@IntegrationTest
class GraphQlBodyLimitTest {

    static final int LIMIT = 1024 * 1024;

    @LocalServerPort
    int port;

    /** A valid request padded with spaces to exactly {@code size} bytes. */
    static byte[] body(int size) {
        var json = "{\"query\":\"{ __typename }\"}";
        return (json + " ".repeat(size - json.length())).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} bytes, chunked {1}, signed in {2}: {3}")
    @CsvSource({
            "1048576, false, true, 200",
            "1048577, false, true, 413",
            "1048576, true, true, 200",
            "1048577, true, true, 413",
            "1500000, false, false, 413",
            "1500000, true, false, 413"})
    void bodiesOverTheLimitAre413(int size, boolean chunked, boolean signedIn, int status) throws Exception {
        var bytes = body(size);
        var publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").POST(publisher);
        if (signedIn) {
            request.header("Authorization", Clients.basic(DemoIdentities.ANA));
        }
        try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            if (status == 413) {
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/json"));
                assertThat(response.body()).contains("\"error\":\"LIMIT_EXCEEDED\"").contains("larger than " + LIMIT);
            } else {
                assertThat(response.body()).contains("\"__typename\":\"Query\"");
            }
        }
    }
}
