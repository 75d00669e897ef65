package io.rastro.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes one verified webhook body: reads it into its work ({@link WebhookReader}) and waits until its group is
 * stored in the inbox. The apply follows within moments, and does not hold the answer ({@link WebhookCommitter}).
 */
@Service
class WebhookService {

    /** The group the body joined could not be stored in time, or failed: the caller answers 503. */
    static final class NotStored extends RuntimeException {
        NotStored(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final WebhookReader reader;
    private final WebhookCommitter committer;
    private final WhatsAppProperties properties;
    private final MeterRegistry meters;

    WebhookService(WebhookReader reader, WebhookCommitter committer, WhatsAppProperties properties,
                   MeterRegistry meters) {
        this.reader = reader;
        this.committer = committer;
        this.properties = properties;
        this.meters = meters;
    }

    WebhookReader.Received receive(byte[] body) {
        var read = reader.read(body);
        meters.counter("rastro.webhook.requests").increment();
        if (read.work() != null) {
            await(committer.submit(read.work()).stored());
        }
        return read.received();
    }

    /** Applies work whose changes are kept elsewhere already (a replay of unrouted changes), and waits for it. */
    void apply(WebhookCommitter.Work work) {
        await(committer.submit(work).applied());
    }

    private void await(CompletableFuture<Void> done) {
        try {
            done.get(properties.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new NotStored("the group failed", e.getCause());
        } catch (TimeoutException e) {
            throw new NotStored("not stored within " + properties.answerTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotStored("interrupted", e);
        }
    }
}
