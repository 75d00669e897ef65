package io.rastro.export.job;

import io.rastro.RastroProperties;
import io.rastro.web.LimitExceededException;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * The caps on export jobs queued or running at once, per account and in all: an export holds an engine
 * connection and a core for its whole run, so a few accounts' BI jobs must not starve everybody else's reports.
 * A job takes a slot before it is stored and gives it back however it ends.
 */
@Component
public class ExportSlots {

    private final int maxPerAccount;
    private final int maxTotal;
    private final Map<String, Integer> perAccount = new HashMap<>();
    private int total;

    public ExportSlots(RastroProperties properties) {
        this.maxPerAccount = properties.export().maxConcurrentPerAccount();
        this.maxTotal = properties.export().maxConcurrent();
    }

    /** Takes a slot for one of {@code accountId}'s jobs, or refuses with a message that names the limit. */
    public synchronized void acquire(String accountId) {
        var mine = perAccount.getOrDefault(accountId, 0);
        if (mine >= maxPerAccount) {
            throw new LimitExceededException("input", "Your account already has " + mine + " exports queued or "
                    + "running, the most it may have at once (rastro.export.max-concurrent-per-account = "
                    + maxPerAccount + "). Wait for one to finish, or cancel one with cancelExport.");
        }
        if (total >= maxTotal) {
            throw new LimitExceededException("input", "The service is already running " + total + " exports, the "
                    + "most it runs at once (rastro.export.max-concurrent = " + maxTotal + "). Try again in a few minutes.");
        }
        perAccount.put(accountId, mine + 1);
        total++;
    }

    public synchronized void release(String accountId) {
        var mine = perAccount.getOrDefault(accountId, 0);
        if (mine <= 1) {
            perAccount.remove(accountId);
        } else {
            perAccount.put(accountId, mine - 1);
        }
        total = Math.max(0, total - 1);
    }

    public synchronized int inUse() {
        return total;
    }
}
