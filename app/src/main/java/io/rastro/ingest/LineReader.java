package io.rastro.ingest;

import io.rastro.web.BadRequestException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a body line by line with a bound on each line, so one huge line cannot fill the heap: the bytes past the
 * bound are skipped up to the next newline and the line is flagged as too long. Accepts LF and CRLF.
 */
final class LineReader {

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean eof;
    private byte[] line = new byte[1024];
    private int length;
    private boolean tooLong;
    private long bytesRead;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Advances to the next line; false at the end of the body. */
    boolean next() {
        length = 0;
        tooLong = false;
        var any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return false;
                }
                break;
            }
            any = true;
            var start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++; // the newline
                break;
            }
        }
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            tooLong = true;
            length = 0;
        }
        return true;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** True when the line was longer than the bound; its content is then incomplete and must not be used. */
    boolean tooLong() {
        return tooLong;
    }

    /** Whether the line holds only spaces and tabs (or nothing). */
    boolean blank() {
        if (tooLong) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Bytes consumed from the body so far. */
    long bytesRead() {
        return bytesRead;
    }

    private void append(int start, int count) {
        if (tooLong || count == 0) {
            return;
        }
        // one byte of slack for a trailing CR that is not part of the line
        if (length + count > maxLineBytes + 1) {
            tooLong = true;
            length = 0;
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, start, line, length, count);
        length += count;
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            var n = in.read(buffer);
            if (n <= 0) {
                eof = true;
                return false;
            }
            position = 0;
            limit = n;
            bytesRead += n;
            return true;
        } catch (IOException e) {
            // the client went away or the connection broke: nothing has been written yet
            throw new BadRequestException("body", "The request body could not be read to its end; nothing was written.");
        }
    }
}
