package io.rastro.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes one verified webhook body: reads its changes, routes each by its business number, maps it, and waits until
 * its group is stored. The whole body is mapped before anything is queued, so a bad value anywhere rejects the
 * body with nothing written; changes for numbers nobody holds are mapped too (to validate them) but kept raw.
 */
@Service
class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
    /** Mapping a change for a number nobody holds validates it; its rows are not kept, so any route does. */
    private static final Route NOBODY = new Route("-", "-");

    /** What one body became, for the answer. */
    record Received(int changes, int events, int unrouted, int kept) {
    }

    /** The group the body joined could not be stored in time, or failed: the caller answers 503. */
    static final class NotStored extends RuntimeException {
        NotStored(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final NumberDirectory numbers;
    private final WebhookCommitter committer;
    private final WhatsAppProperties properties;
    private final MeterRegistry meters;

    WebhookService(NumberDirectory numbers, WebhookCommitter committer, WhatsAppProperties properties,
                   MeterRegistry meters) {
        this.numbers = numbers;
        this.committer = committer;
        this.properties = properties;
        this.meters = meters;
    }

    Received receive(byte[] body) {
        var changes = WebhookBody.parse(body);
        var now = Instant.now();
        var routed = new ArrayList<WebhookCommitter.Routed>();
        var unrouted = new ArrayList<WebhookCommitter.Unrouted>();
        var unhandled = new ArrayList<WebhookCommitter.Unhandled>();
        int events = 0;
        for (var change : changes) {
            var route = change.phoneNumberId().isEmpty() ? null : numbers.route(change.phoneNumberId()).orElse(null);
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
        meters.counter("rastro.webhook.requests").increment();
        if (!routed.isEmpty() || !unrouted.isEmpty() || !unhandled.isEmpty()) {
            await(new WebhookCommitter.Work(routed, unrouted, unhandled));
        }
        return new Received(changes.size(), events, unrouted.size(), unhandled.size());
    }

    /** Stores the work through the group commit and waits for it. */
    void await(WebhookCommitter.Work work) {
        try {
            committer.submit(work).get(properties.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new NotStored("the group failed", e.getCause());
        } catch (TimeoutException e) {
            throw new NotStored("not stored within " + properties.answerTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotStored("interrupted", e);
        }
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
