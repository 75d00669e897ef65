package io.rastro.store.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ServerStoreContract} on the test ClickHouse server that runs from the engine library, on every run. */
class ServerStoreChdbServerTest extends ServerStoreContract {

    @Override
    ServerStore open() {
        return new ServerStore(ChdbServer.shared().url(), "default", "", "default", settings(), 60);
    }

    @Test
    void aServerStartsOnItsOwnDirectoryAndStopsFreeingItsPort(@TempDir Path dir) throws Exception {
        var http = HttpClient.newHttpClient();
        int port;
        try (var server = ChdbServer.start(dir, null)) {
            port = server.httpPort();
            var answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/?query=SELECT%20currentUser()"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body().strip()).isEqualTo("default");
            var path = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/?query=SELECT%20path%20FROM%20system.disks%20WHERE%20name%3D'default'")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Path.of(path.body().strip())).isEqualTo(dir.toAbsolutePath());
        }
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }
}
