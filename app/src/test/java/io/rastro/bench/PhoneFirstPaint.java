package io.rastro.bench;

import io.rastro.report.MessageFilterInput;

/**
 * 3-paint. Workload 3's question (one phone number, 90 days, a page with its total) as the first paint of a table
 * asks it: ten fields (15 columns) instead of every one ({@link Documents#FIRST_PAINT}); the service then reads only those
 * (and the raw side runs the same narrower statement). No PostgreSQL side: its row store reads whole rows either
 * way, and workload 3 already compares the wide page.
 */
final class PhoneFirstPaint extends PageWorkload {

    @Override
    public String id() {
        return "3-paint";
    }

    @Override
    public String title() {
        return "one phone number, 90 days, the ten fields of a first paint";
    }

    @Override
    MessageFilterInput filter(BenchContext ctx) {
        return new PhoneLookup().filter(ctx);
    }

    @Override
    String document() {
        return Documents.FIRST_PAINT;
    }

    @Override
    PostgresSide postgres(BenchContext ctx, Prepared prepared) {
        return null;
    }

    @Override
    boolean mixed() {
        return false;
    }
}
