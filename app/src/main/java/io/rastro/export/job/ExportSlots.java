package io.rastro.export.job;

import io.rastro.RastroProperties;
import io.rastro.web.LimitExceededException;
import org.springframework.stereotype.Component;

/**
 * The caps on export jobs queued or running at once, per account and in all: an export holds an engine
 * connection and a core for its whole run, so a few accounts' BI jobs must not starve everybody else's reports.
 * A job takes a slot before it is stored and gives it back however it ends.
 */
@Component
public class ExportSlots {

    private final AccountCaps caps;

    public ExportSlots(RastroProperties properties) {
        this.caps = new AccountCaps(properties.export().maxConcurrentPerAccount(), properties.export().maxConcurrent());
    }

    /** Takes a slot for one of {@code accountId}'s jobs, or refuses with a message that names the limit. */
    public void acquire(String accountId) {
        switch (caps.tryAcquire(accountId)) {
            case null -> { }
            case ACCOUNT -> throw new LimitExceededException("input", "Your account already has "
                    + caps.held(accountId) + " exports queued or running, the most it may have at once "
                    + "(rastro.export.max-concurrent-per-account = " + caps.maxPerAccount() + "). Wait for one to "
                    + "finish, or cancel one with cancelExport.");
            case TOTAL -> throw new LimitExceededException("input", "The service is already running " + caps.total()
                    + " exports, the most it runs at once (rastro.export.max-concurrent = " + caps.maxTotal()
                    + "). Try again in a few minutes.");
        }
    }

    public void release(String accountId) {
        caps.release(accountId);
    }

    public int inUse() {
        return caps.total();
    }
}
