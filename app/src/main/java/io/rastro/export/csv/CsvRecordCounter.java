package io.rastro.export.csv;

import io.rastro.export.Progress;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes the engine's CSV bytes through and counts the records in them, for the job's progress (and its cancel
 * check, once per record). A record ends at a line feed outside quotes: a quoted cell may hold line breaks, and
 * a quote inside one is doubled, which toggles the state twice and so leaves it as it was.
 */
final class CsvRecordCounter extends FilterOutputStream {

    private final Progress progress;
    private boolean quoted;

    CsvRecordCounter(OutputStream out, Progress progress) {
        super(out);
        this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
        count((byte) b);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            count(b[i]);
        }
        out.write(b, off, len);
    }

    private void count(byte b) {
        if (b == '"') {
            quoted = !quoted;
        } else if (b == '\n' && !quoted) {
            progress.row();
        }
    }
}
