package io.rastro.webhook;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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
 */
@RestController
public class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    static final String PATH = "/webhooks/whatsapp";
    /** Meta's challenges are short numbers; anything longer is not a handshake. */
    private static final int MAX_CHALLENGE = 200;

    private final WebhookService webhooks;
    private final WebhookSignature signature;
    private final WhatsAppProperties properties;

    WebhookController(WebhookService webhooks, WhatsAppProperties properties) {
        this.webhooks = webhooks;
        this.properties = properties;
        this.signature = new WebhookSignature(properties.appSecrets());
        if (!signature.configured()) {
            log.warn("rastro.whatsapp.app-secrets is not set: every POST {} will be refused (401)", PATH);
        }
    }

    @GetMapping(PATH)
    public ResponseEntity<?> verify(@RequestParam(name = "hub.mode", required = false) String mode,
                                    @RequestParam(name = "hub.verify_token", required = false) String token,
                                    @RequestParam(name = "hub.challenge", required = false) String challenge) {
        var expected = properties.verifyToken();
        var matches = expected != null && !expected.isEmpty() && token != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !matches || challenge == null || challenge.isEmpty()
                || challenge.length() > MAX_CHALLENGE) {
            return error(HttpStatus.FORBIDDEN, "FORBIDDEN", "The verification needs hub.mode=subscribe, the "
                    + "configured hub.verify_token and a hub.challenge of 1 to " + MAX_CHALLENGE + " characters.");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> receive(HttpServletRequest request) {
        var max = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            return tooLarge(max);
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            return error(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "The body could not be read to its end.");
        }
        if (body.length > max) {
            return tooLarge(max);
        }
        if (!signature.verify(body, request.getHeader(WebhookSignature.HEADER))) {
            return error(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "The " + WebhookSignature.HEADER + " header is "
                    + "missing or is not sha256=<HMAC-SHA256 of the body with the app secret>; nothing was written.");
        }
        try {
            var received = webhooks.receive(body);
            var out = new LinkedHashMap<String, Object>();
            out.put("changes", received.changes());
            out.put("events", received.events());
            out.put("unrouted", received.unrouted());
            out.put("kept", received.kept());
            return ResponseEntity.ok(out);
        } catch (WebhookRejected e) {
            var out = new LinkedHashMap<String, Object>();
            out.put("error", "BAD_REQUEST");
            out.put("field", e.field());
            out.put("message", e.getMessage() + " Nothing was written.");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(out);
        } catch (WebhookService.NotStored e) {
            log.error("Webhook body not stored: {} ({})", e.getMessage(), String.valueOf(e.getCause()));
            return error(HttpStatus.SERVICE_UNAVAILABLE, "ENGINE_UNAVAILABLE", "The body could not be stored; "
                    + "send it again (Meta retries by itself): its events are idempotent.");
        }
    }

    private static ResponseEntity<Map<String, Object>> tooLarge(long max) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "A webhook body holds at most " + max
                + " bytes; nothing was written.");
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", code, "message", message));
    }
}
