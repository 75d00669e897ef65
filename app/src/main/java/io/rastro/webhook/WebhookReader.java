package io.rastro.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one verified webhook body into the work it stands for: its changes, each routed by its business number and
 * mapped. The whole body is mapped before anything is queued, so a bad value anywhere rejects the body with nothing
 * written; changes for numbers nobody holds are mapped too (to validate them) but kept raw. The same reading serves
 * a body just received and one taken back from the inbox ({@link WebhookInbox}) after a crash.
 */
@Component
class WebhookReader {

    private static final Logger log = LoggerFactory.getLogger(WebhookReader.class);
    /** Mapping a change for a number nobody holds validates it; its rows are not kept, so any route does. */
    private static final Route NOBODY = new Route("-", "-");

    /** What one body became, for the answer. */
    record Received(int changes, int events, int unrouted, int kept) {
    }

    /** A body's work (null when it holds nothing to store) and what it became. */
    record Read(WebhookCommitter.Work work, Received received) {
    }

    private final NumberDirectory numbers;

    WebhookReader(NumberDirectory numbers) {
        this.numbers = numbers;
    }

    /**
     * Reads a body just received, routing its numbers as they are registered now; the work holds the bytes, so that
     * the inbox stores exactly what was signed, and the routes, so that a recovery routes it the same way.
     *
     * @throws WebhookRejected when a value breaks the mapping's rules (the caller answers 400)
     */
    Read read(byte[] body) {
        return read(body, id -> numbers.route(id).orElse(null), false);
    }

    /**
     * Reads a body taken back from the inbox with the routes it was received under (a number registered to another
     * account since then must not take this one's traffic); the work does not hold the bytes again.
     */
    Read reread(byte[] body, Map<String, Route> routes) {
        return read(body, routes::get, true);
    }

    private Read read(byte[] body, Function<String, Route> routes, boolean fromInbox) {
        var changes = WebhookBody.parse(body);
        var used = new LinkedHashMap<String, Route>();
        var now = Instant.now();
        var routed = new ArrayList<WebhookCommitter.Routed>();
        var unrouted = new ArrayList<WebhookCommitter.Unrouted>();
        var unhandled = new ArrayList<WebhookCommitter.Unhandled>();
        int events = 0;
        for (var change : changes) {
            var route = change.phoneNumberId().isEmpty() ? null : routes.apply(change.phoneNumberId());
            if (route != null) {
                used.put(change.phoneNumberId(), route);
            }
            var mapped = WebhookMapping.map(change, route == null ? NOBODY : route, now);
            if (route == null && "messages".equals(change.field()) && !change.phoneNumberId().isEmpty()) {
                var value = change.value().toString();
                unrouted.add(new WebhookCommitter.Unrouted(change.phoneNumberId(),
                        hash(change.wabaId() + "\n" + change.field() + "\n" + value), change.wabaId(), change.field(),
                        value));
                log.warn("Webhook change for unregistered number {} (WABA {}) kept as unrouted; register the number "
                        + "and replay it", change.phoneNumberId(), change.wabaId());
                continue;
            }
            var account = route == null ? "" : route.accountId();
            for (var kept : mapped.kept()) {
                unhandled.add(new WebhookCommitter.Unhandled(account, change.phoneNumberId(), kept));
                log.info("Webhook {} for account '{}' kept unmapped: {}", kept.kind(), account, kept.reason());
            }
            if (route != null) {
                routed.add(new WebhookCommitter.Routed(route, mapped));
                events += mapped.statuses().size() + mapped.received().size();
            }
        }
        var work = routed.isEmpty() && unrouted.isEmpty() && unhandled.isEmpty() ? null
                : new WebhookCommitter.Work(fromInbox ? null : body, Map.copyOf(used), routed, unrouted, unhandled);
        return new Read(work, new Received(changes.size(), events, unrouted.size(), unhandled.size()));
    }

    /** Mapping for a replay: the same as for a body just received, for this route. */
    static List<WebhookCommitter.Routed> routedForReplay(Change change, Route route) {
        return List.of(new WebhookCommitter.Routed(route, WebhookMapping.map(change, route, Instant.now())));
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
