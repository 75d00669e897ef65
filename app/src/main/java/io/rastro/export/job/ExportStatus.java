package io.rastro.export.job;

/**
 * Where an export job is. EXPIRED is a DONE job whose file was deleted after the retention period: the job stays
 * listed (so a BI job can tell "gone" from "never existed"), without a download URL.
 */
public enum ExportStatus {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED, EXPIRED;

    /** True once nothing more will happen to the job but expiry. */
    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}
