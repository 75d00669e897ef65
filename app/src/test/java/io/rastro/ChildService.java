package io.rastro;

import io.rastro.demo.DemoIdentities;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as a child process on a data directory of its own, with the demo identities and a little data: what a
 * test needs to kill it with -9 (no shutdown hook, no finally block runs) and start it again on the same directory.
 */
public final class ChildService {

    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ChildService() {
    }

    /** Starts the service on {@code dir/data}, its output in {@code dir/logName}; {@code extra} are more arguments. */
    public static Process start(Path dir, int port, String logName, String... extra) throws IOException {
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.rastro.RastroApplication", "--rastro.data-dir=" + dir.resolve("data"),
                "--rastro.chdb.library=" + TestEngine.library(), "--server.port=" + port,
                "--rastro.demo.enabled=true", "--rastro.demo.messages=200",
                "--rastro.export.dir=" + dir.resolve("exports"), "--spring.main.banner-mode=off"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile()).start();
    }

    /** Waits until the service answers its health check (it is started and migrated), failing if it died. */
    public static void awaitUp(int port, Process process) throws Exception {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service process is running").isTrue();
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not start within 180 s");
    }

    /** Stops the service as an operator would (SIGTERM), and kills it if it does not stop within a minute. */
    public static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The report's exact total for this filter, asked over GraphQL as Acme's Ana (who sees every subaccount). */
    public static long totalCount(int port, Map<String, Object> filter) throws Exception {
        var request = JsonMapper.shared().writeValueAsString(Map.of("query",
                "query($input: MessagesInput!) { messages(input: $input) { totalCount } }", "variables",
                Map.of("input", Map.of("filter", filter, "first", 1))));
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Authorization", Clients.basic(DemoIdentities.ANA)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        var tree = JsonMapper.shared().readTree(response.body());
        assertThat(tree.has("errors")).as(response.body()).isFalse();
        return tree.get("data").get("messages").get("totalCount").asLong();
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
