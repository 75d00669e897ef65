package io.rastro.webhook;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /webhooks/whatsapp}: Meta's verification handshake. {@code POST /webhooks/whatsapp}: a Cloud API
 * webhook body, exactly as Meta sends it, authenticated by its signature (no login): 200 once stored, 400 for a
 * body that is not a valid one (nothing written), 401 for a missing or wrong signature, 413 above
 * {@code rastro.whatsapp.max-body-size}, 503 when it could not be stored (Meta retries; events are idempotent).
 * Every other method is a 405. Every answer but the handshake's challenge is a JSON object.
 *
 * <p>Why a servlet of its own rather than a Spring MVC controller: Meta sends one small POST per change, thousands a
 * second at peak, and on 2 cores the dispatch around a controller (handler lookup, argument resolution, content
 * negotiation, message converters) took more of a request's CPU than reading, verifying and mapping its body. The
 * request still passes the servlet filters (metrics, and the security chain {@code SecurityConfig} gives this path:
 * its headers, no session, no login). Registered in {@link WebhookConfig}.
 */
final class WebhookServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(WebhookServlet.class);
    static final String PATH = "/webhooks/whatsapp";
    /** Meta's challenges are short numbers; anything longer is not a handshake. */
    private static final int MAX_CHALLENGE = 200;
    private static final String JSON = "application/json";

    private final transient WebhookService webhooks;
    private final transient WebhookSignature signature;
    private final transient WhatsAppProperties properties;

    WebhookServlet(WebhookService webhooks, WhatsAppProperties properties) {
        this.webhooks = webhooks;
        this.properties = properties;
        this.signature = new WebhookSignature(properties.appSecrets());
        if (!signature.configured()) {
            log.warn("rastro.whatsapp.app-secrets is not set: every POST {} will be refused (401)", PATH);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "GET" -> verify(request, response);
            case "POST" -> receive(request, response);
            default -> {
                response.setHeader("Allow", "GET, POST");
                error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                        PATH + " takes GET (the verification handshake) and POST (webhook bodies) only.");
            }
        }
    }

    private void verify(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var mode = request.getParameter("hub.mode");
        var token = request.getParameter("hub.verify_token");
        var challenge = request.getParameter("hub.challenge");
        var expected = properties.verifyToken();
        var matches = expected != null && !expected.isEmpty() && token != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !matches || challenge == null || challenge.isEmpty()
                || challenge.length() > MAX_CHALLENGE) {
            error(response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN", "The verification needs hub.mode=subscribe, "
                    + "the configured hub.verify_token and a hub.challenge of 1 to " + MAX_CHALLENGE + " characters.");
            return;
        }
        write(response, HttpServletResponse.SC_OK, "text/plain;charset=UTF-8", challenge.getBytes(StandardCharsets.UTF_8));
    }

    private void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var max = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            tooLarge(response, max);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, "BAD_REQUEST", "The body could not be read to its end.");
            return;
        }
        if (body.length > max) {
            tooLarge(response, max);
            return;
        }
        if (!signature.verify(body, request.getHeader(WebhookSignature.HEADER))) {
            error(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED", "The " + WebhookSignature.HEADER
                    + " header is missing or is not sha256=<HMAC-SHA256 of the body with the app secret>; nothing was "
                    + "written.");
            return;
        }
        try {
            var received = webhooks.receive(body);
            // four counts: written by hand, the one answer sent thousands of times a second
            write(response, HttpServletResponse.SC_OK, JSON, ("{\"changes\":" + received.changes() + ",\"events\":"
                    + received.events() + ",\"unrouted\":" + received.unrouted() + ",\"kept\":" + received.kept() + "}")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (WebhookRejected e) {
            var out = new LinkedHashMap<String, Object>();
            out.put("error", "BAD_REQUEST");
            out.put("field", e.field());
            out.put("message", e.getMessage() + " Nothing was written.");
            json(response, HttpServletResponse.SC_BAD_REQUEST, out);
        } catch (WebhookService.NotStored e) {
            log.error("Webhook body not stored: {} ({})", e.getMessage(), String.valueOf(e.getCause()));
            error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "ENGINE_UNAVAILABLE", "The body could not be "
                    + "stored; send it again (Meta retries by itself): its events are idempotent.");
        }
    }

    private static void tooLarge(HttpServletResponse response, long max) throws IOException {
        error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE", "A webhook body holds at "
                + "most " + max + " bytes; nothing was written.");
    }

    private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        var out = new LinkedHashMap<String, Object>();
        out.put("error", code);
        out.put("message", message);
        json(response, status, out);
    }

    private static void json(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        write(response, status, JSON, JsonMapper.shared().writeValueAsBytes(body));
    }

    private static void write(HttpServletResponse response, int status, String type, byte[] bytes) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
