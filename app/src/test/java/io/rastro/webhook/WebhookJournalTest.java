package io.rastro.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * A disk that fills up in the middle of the second append: half its bytes reach the file, then the write fails.
     * Its requests get a 503; the third append is answered, and must not sit behind the torn bytes, where the
     * reading of the segment would stop before it.
     */
    @Test
    void anAppendAfterOneThatFailedMidWriteIsNotLostBehindItsTornBytes(@TempDir Path root) {
        var writes = new java.util.concurrent.atomic.AtomicInteger();
        var stopped = WebhookJournal.open(root, file -> new FailingChannel(FileChannel.open(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), writes));
        stopped.append(AT, List.of(body("{\"first\":1}", Map.of())));
        assertThatThrownBy(() -> stopped.append(AT, List.of(body("{\"torn\":2}", Map.of()))))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("could not be written");
        stopped.append(AT, List.of(body("{\"answered\":3}", Map.of())));
        stopped.close();

        var next = WebhookJournal.open(root);
        var bodies = next.leftovers().stream().flatMap(f -> WebhookJournal.read(f).entries().stream())
                .map(e -> new String(e.body().bytes(), StandardCharsets.UTF_8)).toList();
        assertThat(bodies).containsExactly("{\"first\":1}", "{\"answered\":3}");
        next.close();
    }

    /** A segment's channel whose second write puts half its bytes down and then fails, as a full disk would. */
    static final class FailingChannel extends FileChannel {
        private final FileChannel file;
        private final java.util.concurrent.atomic.AtomicInteger writes;

        FailingChannel(FileChannel file, java.util.concurrent.atomic.AtomicInteger writes) {
            this.file = file;
            this.writes = writes;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (writes.incrementAndGet() == 2) {
                var half = src.duplicate();
                half.limit(src.position() + src.remaining() / 2);
                file.write(half);
                throw new IOException("No space left on device");
            }
            return file.write(src);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return file.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target)
                throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(java.nio.channels.ReadableByteChannel src, long position, long count)
                throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public java.nio.channels.FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public java.nio.channels.FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
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
