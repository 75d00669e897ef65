package io.rastro.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Raw HTTP for the security tests: exact statuses, headers and bodies, no redirects followed, no cookies kept
 * unless passed, and an optional source address. Linux routes all of 127.0.0.0/8 to the loopback device, so a
 * test that binds 127.0.0.N is a distinct client address to the server: a test that locks an address out does
 * not lock out the other tests, which all come from 127.0.0.1.
 */
record Http(int port, HttpClient client) {

    static Http to(int port) {
        return new Http(port, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build());
    }

    static Http from(int port, String sourceAddress) {
        try {
            return new Http(port, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10)).localAddress(InetAddress.getByName(sourceAddress)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** A cookie set by this response, {@code name=value}. */
        Optional<String> cookie(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                    .flatMap(e -> e.getValue().stream()).filter(c -> c.startsWith(name + "="))
                    .map(c -> c.split(";", 2)[0]).findFirst();
        }

        /** The hidden CSRF field of Spring Security's login page. */
        String csrfField() {
            var m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no _csrf field in: " + body);
            }
            return m.group(1);
        }
    }

    Response get(String path, Map<String, String> headers) {
        return send(request(path, headers).GET().build());
    }

    Response send(String method, String path, Map<String, String> headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    Response post(String path, Map<String, String> headers, String contentType, String body) {
        var all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return send(request(path, all).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Response graphQl(Map<String, String> headers, String query) {
        return post("/graphql", headers, "application/json", "{\"query\":" + jsonString(query) + "}");
    }

    Response form(String path, Map<String, String> headers, Map<String, String> fields) {
        var body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return post(path, headers, "application/x-www-form-urlencoded", body);
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
