package io.rastro.export.job;

import io.rastro.RastroProperties;
import io.rastro.web.LimitExceededException;
import org.springframework.stereotype.Component;

/**
 * The caps on downloads that follow a running export ({@code ?follow=true}): each holds a request thread and
 * an open file for as long as the job runs, so an account may hold only a few at once, and the service only a
 * few more. A follow takes its place once its job is known to be followable and gives it back however it ends.
 */
@Component
public class ExportFollows {

    private final AccountCaps caps;

    public ExportFollows(RastroProperties properties) {
        this.caps = new AccountCaps(properties.export().maxFollowsPerAccount(), properties.export().maxFollows());
    }

    /** A place taken for one follow; closing it gives the place back. */
    public interface Place extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a place for one of {@code accountId}'s follows, or refuses with a message that names the limit. */
    public Place acquire(String accountId) {
        switch (caps.tryAcquire(accountId)) {
            case null -> { }
            case ACCOUNT -> throw new LimitExceededException("follow", "Your account already follows "
                    + caps.held(accountId) + " running exports, the most it may at once "
                    + "(rastro.export.max-follows-per-account = " + caps.maxPerAccount() + "). Download without "
                    + "follow once the export is DONE.");
            case TOTAL -> throw new LimitExceededException("follow", "The service already sends " + caps.total()
                    + " running exports as they are written, the most it does at once (rastro.export.max-follows = "
                    + caps.maxTotal() + "). Download without follow once the export is DONE.");
        }
        return () -> caps.release(accountId);
    }

    public int inUse() {
        return caps.total();
    }
}
