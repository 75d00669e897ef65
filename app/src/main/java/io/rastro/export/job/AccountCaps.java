package io.rastro.export.job;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts what each account, and all accounts together, hold at once (export jobs, followed downloads) against a
 * cap for each. The callers word the refusal: they know what is being held.
 */
final class AccountCaps {

    /** Which cap a refused acquire met. */
    enum Refusal {
        ACCOUNT,
        TOTAL
    }

    private final int maxPerAccount;
    private final int maxTotal;
    private final Map<String, Integer> perAccount = new HashMap<>();
    private int total;

    AccountCaps(int maxPerAccount, int maxTotal) {
        this.maxPerAccount = maxPerAccount;
        this.maxTotal = maxTotal;
    }

    /** Takes one for {@code accountId}; null when taken, else the cap that refused it (nothing is taken). */
    synchronized Refusal tryAcquire(String accountId) {
        var mine = perAccount.getOrDefault(accountId, 0);
        if (mine >= maxPerAccount) {
            return Refusal.ACCOUNT;
        }
        if (total >= maxTotal) {
            return Refusal.TOTAL;
        }
        perAccount.put(accountId, mine + 1);
        total++;
        return null;
    }

    synchronized void release(String accountId) {
        var mine = perAccount.getOrDefault(accountId, 0);
        if (mine <= 1) {
            perAccount.remove(accountId);
        } else {
            perAccount.put(accountId, mine - 1);
        }
        total = Math.max(0, total - 1);
    }

    synchronized int held(String accountId) {
        return perAccount.getOrDefault(accountId, 0);
    }

    synchronized int total() {
        return total;
    }

    int maxPerAccount() {
        return maxPerAccount;
    }

    int maxTotal() {
        return maxTotal;
    }
}
