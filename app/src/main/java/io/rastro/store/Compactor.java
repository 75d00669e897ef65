package io.rastro.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps reads with FINAL cheap: compacts each quiet day of {@code rastro.messages} (no new part for a while, and
 * more than one part) into a single part, merging a message's versions into one row. Reports merge versions per
 * partition only, so a compacted day costs what a plain read costs; only the days still receiving status updates
 * pay for merging at read time. Bounded per run so that maintenance never competes long with reports.
 */
@Component
public class Compactor {

    private static final Logger log = LoggerFactory.getLogger(Compactor.class);

    private final Store store;
    private final Duration quietFor;
    private final int maxPerRun;

    public Compactor(Store store, @Value("${rastro.maintenance.quiet-for:5m}") Duration quietFor,
                     @Value("${rastro.maintenance.partitions-per-run:8}") int maxPerRun) {
        this.store = store;
        this.quietFor = quietFor;
        this.maxPerRun = maxPerRun;
    }

    @Scheduled(initialDelayString = "${rastro.maintenance.interval:10m}", fixedDelayString = "${rastro.maintenance.interval:10m}")
    public void compactQuietDays() {
        try {
            compact(Instant.now());
        } catch (RuntimeException e) {
            log.warn("Compaction skipped: {}", e.getMessage());
        }
    }

    /**
     * Compacts the days whose newest part is older than {@code now - quietFor} and that have more than one part.
     *
     * @return the partitions compacted
     */
    public List<String> compact(Instant now) {
        var days = store.query(Sql.of("""
                        SELECT partition_id FROM system.parts
                        WHERE database = 'rastro' AND table = 'messages' AND active
                        GROUP BY partition_id
                        HAVING count() > 1 AND max(modification_time) < {quiet_since:DateTime64(6, 'UTC')}
                        ORDER BY partition_id DESC
                        LIMIT {max:UInt32}""").bind("quiet_since", now.minus(quietFor))
                        .bind("max", maxPerRun),
                row -> row.getString("partition_id"));
        for (var day : days) {
            // partition ids come from the engine's own catalogue (digits of a date), never from input
            if (!day.matches("\\d{8}")) {
                continue;
            }
            store.execute(Sql.of("OPTIMIZE TABLE rastro.messages PARTITION ID '" + day + "' FINAL"));
        }
        if (!days.isEmpty()) {
            log.info("Compacted {} day(s) of messages: {}", days.size(), days);
        }
        return days;
    }
}
