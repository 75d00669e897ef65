package io.rastro.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook journal on real files: what a stopped instance journaled and never released is handed, byte for byte
 * and with its routes, to the next journal on the same root; a record torn by a crash ends its segment; a live
 * journal's directory is never taken; what is released is deleted.
 */
class WebhookJournalTest {

    static final Instant AT = Instant.parse("2026-12-07T10:15:30.123Z");

    static WebhookInbox.Body body(String text, Map<String, Route> routes) {
        return new WebhookInbox.Body(text.getBytes(StandardCharsets.UTF_8), routes);
    }

    static List<Path> segments(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
    }

    @Test
    void whatAStoppedInstanceLeftIsHandedToTheNextJournalExactly(@TempDir Path root) {
        var routes = Map.of("106540352242922", new Route("acme", "acme-marketing"),
                "106540352242923", new Route("acme", "acme-support"));
        var stopped = WebhookJournal.open(root);
        stopped.append(AT, List.of(body("{\"a\":\"Ol\\u00e1\"}", routes), body("{\"b\":\"ação\"}", Map.of())));
        stopped.append(AT.plusSeconds(1), List.of(body("{\"c\":3}", routes)));
        assertThat(stopped.unreleased()).isEqualTo(3);
        stopped.close(); // as an instance that stopped before its apply stored them in the inbox

        var next = WebhookJournal.open(root);
        assertThat(next.leftovers()).hasSize(1);
        var leftover = WebhookJournal.read(next.leftovers().getFirst());
        assertThat(leftover.entries()).extracting(WebhookJournal.Entry::receivedAt)
                .containsExactly(AT, AT, AT.plusSeconds(1));
        assertThat(leftover.entries()).extracting(e -> new String(e.body().bytes(), StandardCharsets.UTF_8))
                .containsExactly("{\"a\":\"Ol\\u00e1\"}", "{\"b\":\"ação\"}", "{\"c\":3}");
        assertThat(leftover.entries().getFirst().body().routes()).isEqualTo(routes);
        assertThat(leftover.entries().get(1).body().routes()).isEmpty();

        next.released(leftover);
        assertThat(next.leftovers()).isEmpty();
        try (var dirs = Files.list(root)) {
            assertThat(dirs.toList()).as("only the live journal's directory is left").containsExactly(next.dir());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        next.close();
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void aRecordTornByACrashEndsItsSegmentAndTheRecordsBeforeItAreKept(@TempDir Path root) throws IOException {
        var stopped = WebhookJournal.open(root);
        stopped.append(AT, List.of(body("{\"kept\":1}", Map.of())));
        stopped.append(AT, List.of(body("{\"torn\":2}", Map.of())));
        stopped.close();
        var segment = segments(root).getFirst();
        try (var file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() - 3); // the second record's last bytes never reached the disk
        }
        var next = WebhookJournal.open(root);
        var leftover = WebhookJournal.read(next.leftovers().getFirst());
        assertThat(leftover.entries()).extracting(e -> new String(e.body().bytes(), StandardCharsets.UTF_8))
                .containsExactly("{\"kept\":1}");
        next.released(leftover);
        next.close();
    }

    @Test
    void aRecordWhoseChecksumFailsEndsItsSegment(@TempDir Path root) throws IOException {
        var stopped = WebhookJournal.open(root);
        stopped.append(AT, List.of(body("{\"kept\":1}", Map.of()), body("{\"flipped\":2}", Map.of()),
                body("{\"after\":3}", Map.of())));
        stopped.close();
        var segment = segments(root).getFirst();
        var bytes = Files.readAllBytes(segment);
        var at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("flipped");
        bytes[at] = 'F';
        Files.write(segment, bytes);
        var next = WebhookJournal.open(root);
        assertThat(WebhookJournal.read(next.leftovers().getFirst()).entries())
                .extracting(e -> new String(e.body().bytes(), StandardCharsets.UTF_8)).containsExactly("{\"kept\":1}");
        next.close();
    }

    @Test
    void aLiveJournalsDirectoryIsNeverTaken(@TempDir Path root) {
        var live = WebhookJournal.open(root);
        live.append(AT, List.of(body("{\"live\":1}", Map.of())));
        var other = WebhookJournal.open(root);
        other.claimStopped();
        assertThat(other.leftovers()).isEmpty();
        live.close();
        other.claimStopped(); // now it stopped: the next claim takes it
        assertThat(other.leftovers()).hasSize(1);
        other.close();
    }

    @Test
    void theSameRootSpelledAnotherWayIsTheSameRoot(@TempDir Path root) {
        var live = WebhookJournal.open(root);
        live.append(AT, List.of(body("{\"live\":1}", Map.of())));
        var other = WebhookJournal.open(root.resolve(".").resolve("..").resolve(root.getFileName()));
        other.claimStopped();
        assertThat(other.leftovers()).as("the live journal is this process's: never opened by another").isEmpty();
        assertThat(live.dir()).exists();
        other.close();
        live.close();
    }

    @Test
    void whatIsReleasedIsDeletedAndAnEmptyJournalLeavesNothing(@TempDir Path root) throws IOException {
        var journal = WebhookJournal.open(root);
        var first = journal.append(AT, List.of(body("{\"a\":1}", Map.of())));
        var second = journal.append(AT, List.of(body("{\"b\":2}", Map.of()), body("{\"c\":3}", Map.of())));
        journal.release(first);
        assertThat(segments(root)).as("the segment still holds the second append").hasSize(1);
        journal.release(second);
        assertThat(segments(root)).as("all it held is released").isEmpty();
        var third = journal.append(AT, List.of(body("{\"d\":4}", Map.of())));
        assertThat(third.segment()).as("a new segment").isGreaterThan(second.segment());
        assertThat(segments(root)).hasSize(1);
        journal.release(third);
        journal.close();
        assertThat(root).isEmptyDirectory();
    }
}
