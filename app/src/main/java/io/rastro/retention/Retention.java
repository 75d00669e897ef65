package io.rastro.retention;

import io.rastro.RastroProperties;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drops the messages older than {@code rastro.retention}, a whole day at a time: the days (partitions of
 * {@code rastro.messages}, by the message's time in UTC) that end before {@code now - retention}. So a message is
 * kept at least the retention, and at most a day longer. Before a day's partition goes, the lookup rows and status
 * history of those times are deleted, so a point lookup never finds a key whose message is gone; should a run stop
 * half way, the days are still there and the next run does it again. Unset (the default), nothing is ever dropped.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final DateTimeFormatter PARTITION_ID = DateTimeFormatter.BASIC_ISO_DATE;

    private final Store store;
    private final Duration retention;

    public Retention(Store store, RastroProperties properties) {
        this.store = store;
        this.retention = properties.retention();
        if (retention != null && retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("rastro.retention must be at least 1d, or unset to keep everything");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        if (retention == null) {
            log.info("Retention: rastro.retention is not set; messages are kept for ever");
            return;
        }
        scheduled();
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    public void scheduled() {
        if (retention == null) {
            return;
        }
        try {
            apply(Instant.now(), retention);
        } catch (RuntimeException e) {
            log.warn("Retention: dropping old days failed, retrying at the next run: {}", e.getMessage());
        }
    }

    /**
     * Drops the days that end before {@code now - keep}.
     *
     * @return the days dropped (partition ids, yyyyMMdd)
     */
    public List<String> apply(Instant now, Duration keep) {
        var cutoffDay = LocalDate.ofInstant(now.minus(keep), ZoneOffset.UTC);
        var cutoff = cutoffDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        record Day(String id, long rows) {
        }
        var days = store.query(Sql.of("""
                        SELECT partition_id, sum(rows) AS rows FROM system.parts
                        WHERE database = 'rastro' AND table = 'messages' AND active AND partition_id < {cutoff:String}
                        GROUP BY partition_id ORDER BY partition_id""").bind("cutoff", cutoffDay.format(PARTITION_ID)),
                row -> new Day(row.getString("partition_id"), row.getLong("rows")));
        if (days.isEmpty()) {
            return List.of();
        }
        // the keys and history first: should a run stop here, the days are still there for the next run
        store.execute(Sql.of("DELETE FROM rastro.message_keys WHERE event_time < {cutoff:DateTime64(3, 'UTC')}")
                .bind("cutoff", cutoff));
        store.execute(Sql.of("DELETE FROM rastro.status_events WHERE status_at < {cutoff:DateTime64(3, 'UTC')}")
                .bind("cutoff", cutoff));
        // replies are partitioned by the reply's day like messages; a reply to a kept message that came before
        // the cutoff cannot exist (a reply follows its message)
        store.execute(Sql.of("DELETE FROM rastro.message_replies WHERE reply_at < {cutoff:DateTime64(3, 'UTC')}")
                .bind("cutoff", cutoff));
        var dropped = new java.util.ArrayList<String>();
        for (var day : days) {
            // partition ids come from the engine's own catalogue (digits of a date), never from input
            if (!day.id().matches("\\d{8}")) {
                continue;
            }
            store.execute(Sql.of("ALTER TABLE rastro.messages DROP PARTITION ID '" + day.id() + "'"));
            dropped.add(day.id());
        }
        log.info("Retention {}: dropped {} day(s) of messages before {} ({} row versions): {}; and their lookup rows, "
                        + "replies and status history", keep.toDays() + "d", dropped.size(), cutoffDay,
                days.stream().mapToLong(Day::rows).sum(), dropped);
        return dropped;
    }
}
