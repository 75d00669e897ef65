package io.rastro.ingest;

import io.rastro.store.RowBinaryWriter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The normalised rows of one batch on disk, one {@value #FORMAT} file per table, so a large batch never sits in
 * the heap and nothing reaches the engine until every line has been validated. The files are deleted on close.
 */
final class Spill implements AutoCloseable {

    /** The engine format of both files. */
    static final String FORMAT = "RowBinary";

    private final Instant batchTime;
    private final Path messagesFile;
    private final Path statusesFile;
    private final BufferedOutputStream messagesOut;
    private final BufferedOutputStream statusesOut;
    private final RowBinaryWriter messages;
    private final RowBinaryWriter statuses;
    private long messageRows;
    private long statusRows;
    private boolean finished;

    Spill(Instant batchTime) {
        this.batchTime = batchTime;
        try {
            messagesFile = Files.createTempFile("rastro-ingest-messages-", ".rowbinary");
            statusesFile = Files.createTempFile("rastro-ingest-status-", ".rowbinary");
            messagesOut = new BufferedOutputStream(Files.newOutputStream(messagesFile), 1 << 16);
            statusesOut = new BufferedOutputStream(Files.newOutputStream(statusesFile), 1 << 16);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Could not create the ingest spill files", e);
        }
        messages = new RowBinaryWriter(messagesOut);
        statuses = new RowBinaryWriter(statusesOut);
    }

    void write(Event event) {
        switch (event) {
            case Event.Sent sent -> {
                message(sent.message());
                if (sent.accepted() != null) {
                    status(sent.accepted());
                }
            }
            case Event.Received received -> message(received.message());
            case Event.StatusUpdate update -> status(update.status());
        }
    }

    private void message(MessageRow row) {
        row.write(messages, batchTime);
        messageRows++;
    }

    private void status(StatusRow row) {
        row.write(statuses, batchTime);
        statusRows++;
    }

    long messageRows() {
        return messageRows;
    }

    long statusRows() {
        return statusRows;
    }

    /** Flushes both files; after this they can be read back. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            messagesOut.close();
            statusesOut.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ingest spill files", e);
        }
    }

    InputStream messages() {
        return open(messagesFile);
    }

    InputStream statuses() {
        return open(statusesFile);
    }

    private InputStream open(Path file) {
        finish();
        try {
            return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the ingest spill file", e);
        }
    }

    @Override
    public void close() {
        try {
            finish();
        } catch (RuntimeException ignored) {
            // the files are deleted below either way
        }
        delete(messagesFile);
        delete(statusesFile);
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless; the OS cleans the temp directory
        }
    }
}
