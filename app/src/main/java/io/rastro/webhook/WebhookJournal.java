package io.rastro.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The webhook journal: a log file of this instance's own, in front of the inbox. A group's bodies are appended and
 * forced to disk (one {@code fdatasync}, about 0.3 ms here) before its requests are answered, and stored in the inbox
 * by the apply that takes them (one insert for every group of that apply, rather than one per group); then the
 * journal lets them go. Why: every statement of the embedded engine costs 0.65-1 ms of CPU whatever its size, and an
 * inbox insert about 2.5 ms, so one insert per group bounded the webhook throughput (docs/webhooks.md, Throughput).
 *
 * <p>Layout: {@code <root>/<instance>/<segment>.log}, where {@code <instance>} is a directory this journal creates
 * for its own life and holds locked ({@code lock}). A segment is a run of records {@code [length][CRC32C][payload]};
 * a record torn by a crash fails its length or checksum and ends the segment's reading (its request was not answered:
 * the answer waits for the force). When it opens, a journal claims every other instance directory whose lock it can
 * take (its instance stopped, or crashed) and hands their segments out as {@link Leftover}s, which the committer
 * stores in the inbox before anything else ({@link WebhookCommitter}); so several instances may share one root, and
 * one that restarts finds what it left.
 *
 * <p>A body is on this instance's disk alone between its answer and the apply's inbox insert (at most
 * {@code apply-interval}, or while the engine is unreachable): with the embedded engine that is the same disk as the
 * store. With a ClickHouse server, the journal is on only where {@code rastro.whatsapp.journal-dir} is set, to a
 * volume that outlives the instance.
 */
final class WebhookJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookJournal.class);
    /** A segment past this size is closed at the next append; it is deleted once all it holds is in the inbox. */
    static final long SEGMENT_BYTES = 16L << 20;
    private static final String LOCK = "lock";
    private static final String SUFFIX = ".log";
    /**
     * Lock files this process holds or is taking (real paths), guarded by itself. Closing any channel of a file drops
     * every lock the process holds on it (POSIX locks; see {@link FileLock}), so a journal never opens another's lock
     * file in the same process, such as a second Spring context's in a test run; and the check, the open and the lock
     * are one step for every journal of the process.
     */
    private static final java.util.Set<Path> HELD = new java.util.HashSet<>();
    /**
     * Channels that met a lock of this process on their file after all ({@link OverlappingFileLockException}): never
     * closed, since closing them would drop that lock, and held here so that no collection closes them either.
     */
    private static final List<FileChannel> KEPT_OPEN = new ArrayList<>();

    /** A body as appended: when its group was received, and the body with its routes. */
    record Entry(Instant receivedAt, WebhookInbox.Body body) {
    }

    /**
     * What one append wrote: the segment it went to and how many records, to be released together, and the bytes of
     * their bodies (what the heap holds of them until then).
     */
    record Appended(long segment, int records, long bodyBytes) {
    }

    /** A segment another life of an instance left: its records, to be stored in the inbox and then released. */
    record Leftover(Path file, List<Entry> entries) {
    }

    /** The instance's journal when it keeps one (a bean cannot be null), closed with the Spring context. */
    record Holder(java.util.Optional<WebhookJournal> journal) implements AutoCloseable {
        @Override
        public void close() {
            journal.ifPresent(WebhookJournal::close);
        }
    }

    private final Path root;
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Claimed directories of stopped instances (their locks held until their last segment is released). */
    private final Map<Path, FileChannel> claimed = new LinkedHashMap<>();
    private final List<Path> leftovers = new ArrayList<>();
    /** Records appended and not yet released, by segment. */
    private final Map<Long, Integer> unreleased = new HashMap<>();
    private final Segments segments;
    private long segment;
    private FileChannel current;
    private long currentBytes;

    /** Opens a new segment file for writing; a test gives one whose writes fail. */
    interface Segments {
        FileChannel create(Path file) throws IOException;
    }

    private WebhookJournal(Path root, Path dir, FileChannel lockChannel, FileLock lock, Segments segments) {
        this.segments = segments;
        this.root = root;
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens a journal of its own under the root, and claims the directories stopped instances left there. */
    static WebhookJournal open(Path configured) {
        return open(configured, file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    static WebhookJournal open(Path configured, Segments segments) {
        try {
            Files.createDirectories(configured);
            // one spelling of the root for every journal of the process (HELD compares paths)
            var root = configured.toRealPath();
            forceDirectory(root.getParent());
            // made under a hidden name and locked there, then renamed: a directory another instance sees is locked
            // from the start, so it is never taken for a stopped instance's (the lock is on the file, not its name)
            var name = UUID.randomUUID().toString();
            var making = Files.createDirectory(root.resolve("." + name));
            var dir = root.resolve(name);
            FileChannel channel;
            FileLock taken;
            synchronized (HELD) {
                HELD.add(dir.resolve(LOCK)); // before the directory has its name: no claim of this process opens it
                channel = FileChannel.open(making.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                taken = channel.lock();
            }
            Files.move(making, dir);
            forceDirectory(root); // the name survives a power loss before anything is answered from it
            var journal = new WebhookJournal(root, dir, channel, taken, segments);
            journal.claimStopped();
            log.info("Webhook journal at {} ({} segment(s) left by stopped instances)", dir, journal.leftovers.size());
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("The webhook journal could not be opened under "
                    + configured.toAbsolutePath() + "; set rastro.whatsapp.journal-dir to a writable directory, "
                    + "or rastro.whatsapp.journal=false", e);
        }
    }

    Path dir() {
        return dir;
    }

    /**
     * Claims the instance directories of the root whose lock no process holds (their instance stopped), for their
     * segments to be handed out as leftovers; run when the journal opens and at every recovery, so that the journal
     * of an instance that stopped for good is taken over by another one on the same root.
     */
    synchronized void claimStopped() {
        List<Path> others;
        try (var dirs = Files.list(root)) {
            others = dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("The webhook journal's directory " + root + " could not be read", e);
        }
        for (var other : others) {
            var lockFile = other.resolve(LOCK);
            try {
                FileChannel channel;
                synchronized (HELD) {
                    if (HELD.contains(lockFile)) {
                        continue; // this process's own: this journal's, one it claimed, or another context's
                    }
                    channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock taken;
                    try {
                        taken = channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        KEPT_OPEN.add(channel); // this process holds it after all: closing would drop that lock
                        continue;
                    }
                    if (taken == null) {
                        channel.close(); // a live instance's, in another process
                        continue;
                    }
                    HELD.add(lockFile);
                }
                claimed.put(other, channel);
                try (var files = Files.list(other)) {
                    leftovers.addAll(files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
                }
                deleteIfDone(other);
            } catch (IOException e) {
                // removed meanwhile (an instance that closed empty), or not ours to read: the next claim looks again
                log.debug("Webhook journal directory {} not claimed: {}", other, e.toString());
            }
        }
    }

    /** The segments stopped instances left, oldest first within each; each is read when asked for. */
    synchronized List<Path> leftovers() {
        return List.copyOf(leftovers);
    }

    /** Reads a leftover segment up to its first torn record. */
    static Leftover read(Path file) {
        var entries = new ArrayList<Entry>();
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            long position = 0;
            for (var torn = false; !torn; ) {
                var head = in.readNBytes(8);
                if (head.length == 0) {
                    break; // the end
                }
                var length = head.length < 8 ? 0 : ByteBuffer.wrap(head).getInt();
                // a torn length reads to the end of the file at most (readNBytes allocates as it reads)
                var payload = length <= 0 ? new byte[0] : in.readNBytes(length);
                var check = new CRC32C();
                check.update(payload);
                torn = length <= 0 || payload.length < length
                        || (int) check.getValue() != ByteBuffer.wrap(head).getInt(4);
                if (torn) {
                    // written when the process or the machine stopped, before its force returned (never answered),
                    // or by an append that failed (answered 503); an append after a failure starts a new segment
                    log.warn("Webhook journal {}: a torn record ends it after {} record(s), {} byte(s) from there to "
                            + "its end", file, entries.size(), Files.size(file) - position);
                } else {
                    entries.add(decode(payload));
                    position += 8 + length;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The webhook journal segment " + file + " could not be read", e);
        }
        return new Leftover(file, entries);
    }

    /** A leftover segment is in the inbox: it is deleted, and its directory once it holds no other. */
    synchronized void released(Leftover leftover) {
        try {
            Files.deleteIfExists(leftover.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        forget(leftover.file());
    }

    /** A leftover that is gone already (another journal of a root spelled otherwise took it): nothing to store. */
    synchronized void forget(Path file) {
        leftovers.remove(file);
        try {
            deleteIfDone(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteIfDone(Path other) throws IOException {
        if (leftovers.stream().anyMatch(f -> f.getParent().equals(other))) {
            return;
        }
        var channel = claimed.remove(other);
        if (channel != null) {
            Files.deleteIfExists(other.resolve(LOCK));
            synchronized (HELD) {
                channel.close();
                HELD.remove(other.resolve(LOCK));
            }
            Files.deleteIfExists(other);
        }
    }

    /**
     * Appends a group's bodies and forces them to disk: when it returns they survive a crash of the process or the
     * machine.
     */
    synchronized Appended append(Instant receivedAt, List<WebhookInbox.Body> bodies) {
        var bytes = new ByteArrayOutputStream(bodies.size() * 2048);
        long bodyBytes = 0;
        try {
            var out = new DataOutputStream(bytes);
            for (var body : bodies) {
                bodyBytes += body.bytes().length;
                var payload = encode(receivedAt, body);
                var crc = new CRC32C();
                crc.update(payload);
                out.writeInt(payload.length);
                out.writeInt((int) crc.getValue());
                out.write(payload);
            }
            if (current == null || currentBytes >= SEGMENT_BYTES) {
                rotate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The webhook journal could not be written", e);
        }
        try {
            var buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
            current.force(false);
            currentBytes += bytes.size();
        } catch (IOException e) {
            // what this append wrote may be torn, and a torn record ends a segment's reading: later appends go to a
            // new segment, so that nothing answered ever follows it (this one's requests get a 503)
            try {
                closeCurrent();
            } catch (IOException ignored) {
                // closed or not, it is not written again
            }
            throw new UncheckedIOException("The webhook journal could not be written", e);
        }
        unreleased.merge(segment, bodies.size(), Integer::sum);
        return new Appended(segment, bodies.size(), bodyBytes);
    }

    /** What an append wrote is in the inbox: a segment is deleted once all it holds is, and it is closed. */
    synchronized void release(Appended appended) {
        var left = unreleased.merge(appended.segment(), -appended.records(), Integer::sum);
        if (left > 0) {
            return;
        }
        unreleased.remove(appended.segment());
        try {
            if (appended.segment() == segment) {
                closeCurrent(); // everything in it is released: the next append starts a new one
            } else {
                Files.deleteIfExists(file(appended.segment())); // closed already
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records appended and not yet released, in every segment (for tests and the log). */
    synchronized int unreleased() {
        return unreleased.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Closes the segment being written, if one is: deleted at once when it holds nothing unreleased, else once all it
     * holds is released.
     */
    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        if (!unreleased.containsKey(segment)) {
            Files.deleteIfExists(file(segment));
        }
    }

    private void rotate() throws IOException {
        closeCurrent();
        segment++;
        current = segments.create(file(segment));
        currentBytes = 0;
        forceDirectory(dir); // the new file's name survives a crash, not only its bytes
    }

    private Path file(long n) {
        return dir.resolve("%020d%s".formatted(n, SUFFIX));
    }

    private static void forceDirectory(Path directory) throws IOException {
        if (directory == null) {
            return;
        }
        try (var d = FileChannel.open(directory, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static byte[] encode(Instant receivedAt, WebhookInbox.Body body) throws IOException {
        var bytes = new ByteArrayOutputStream(body.bytes().length + 128);
        var out = new DataOutputStream(bytes);
        out.writeLong(receivedAt.toEpochMilli());
        out.writeInt(body.bytes().length);
        out.write(body.bytes());
        out.writeInt(body.routes().size());
        for (var e : body.routes().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue().accountId());
            out.writeUTF(e.getValue().subaccountId());
        }
        return bytes.toByteArray();
    }

    private static Entry decode(byte[] payload) throws IOException {
        var in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        var at = Instant.ofEpochMilli(in.readLong());
        var body = in.readNBytes(in.readInt());
        var routes = new HashMap<String, Route>();
        for (int i = in.readInt(); i > 0; i--) {
            routes.put(in.readUTF(), new Route(in.readUTF(), in.readUTF()));
        }
        return new Entry(at, new WebhookInbox.Body(body, Map.copyOf(routes)));
    }

    /**
     * Closes the journal. Segments still holding unreleased records stay (a stopped instance's, for the next journal
     * to claim); an empty journal leaves nothing behind.
     */
    @Override
    public synchronized void close() {
        try {
            closeCurrent();
            synchronized (HELD) {
                for (var e : claimed.entrySet()) {
                    e.getValue().close();
                    HELD.remove(e.getKey().resolve(LOCK));
                }
            }
            claimed.clear();
            var empty = unreleased.isEmpty();
            if (empty) {
                Files.deleteIfExists(dir.resolve(LOCK));
            }
            synchronized (HELD) {
                lock.release();
                lockChannel.close();
                HELD.remove(dir.resolve(LOCK));
            }
            if (empty) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            log.warn("Webhook journal {} not closed cleanly: {}", dir, e.toString());
        }
    }
}
