package io.rastro.export.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * Writes XML text as UTF-8 straight into a byte buffer, escaping and encoding a value in one pass. The XLSX sheet
 * writes ~22M values for an account-month; through {@code BufferedWriter} and {@code OutputStreamWriter} each was
 * copied into a char buffer, escaped in a second pass and encoded in a third, and a profile put those copies at
 * half of the writing thread's time. The bytes are exactly what those writers gave: a lone surrogate becomes
 * {@code ?}, as the UTF-8 encoder's replacement made it.
 */
final class XmlUtf8Writer extends Writer {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;

    XmlUtf8Writer(OutputStream out) {
        this.out = out;
    }

    /**
     * XML character data: markup characters escaped, a carriage return kept as a reference (a parser would turn a
     * raw one into a line feed), and characters XML 1.0 cannot hold at all replaced by '?', as POI does.
     */
    void text(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '<' && c != '>' && c != '&') {
                if (used == buffer.length) {
                    drainBuffer();
                }
                buffer[used++] = (byte) c;
                continue;
            }
            switch (c) {
                case '<' -> write("&lt;");
                case '>' -> write("&gt;");
                case '&' -> write("&amp;");
                case '\r' -> write("&#13;");
                case '\t', '\n' -> write(c);
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        write('?');
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        codePoint(Character.toCodePoint(c, s.charAt(++i)));
                    } else {
                        write(c);
                    }
                }
            }
        }
    }

    @Override
    public void write(int c) throws IOException {
        if (used + 3 > buffer.length) {
            drainBuffer();
        }
        if (c < 0x80) {
            buffer[used++] = (byte) c;
        } else if (c < 0x800) {
            buffer[used++] = (byte) (0xC0 | c >> 6);
            buffer[used++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isSurrogate((char) c)) {
            buffer[used++] = '?'; // unpaired: the encoder's replacement
        } else {
            buffer[used++] = (byte) (0xE0 | c >> 12);
            buffer[used++] = (byte) (0x80 | c >> 6 & 0x3F);
            buffer[used++] = (byte) (0x80 | c & 0x3F);
        }
    }

    @Override
    public void write(String s) throws IOException {
        write(s, 0, s.length());
    }

    /** Markup and values that need no escaping; surrogate pairs are encoded as one character. */
    @Override
    public void write(String s, int off, int len) throws IOException {
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (used == buffer.length) {
                    drainBuffer();
                }
                buffer[used++] = (byte) c;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                codePoint(Character.toCodePoint(c, s.charAt(++i)));
            } else {
                write(c);
            }
        }
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        write(new String(chars, off, len));
    }

    @Override
    public void flush() throws IOException {
        drainBuffer();
        out.flush();
    }

    /** Flushes; the stream under it is the caller's. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private void codePoint(int cp) throws IOException {
        if (used + 4 > buffer.length) {
            drainBuffer();
        }
        buffer[used++] = (byte) (0xF0 | cp >> 18);
        buffer[used++] = (byte) (0x80 | cp >> 12 & 0x3F);
        buffer[used++] = (byte) (0x80 | cp >> 6 & 0x3F);
        buffer[used++] = (byte) (0x80 | cp & 0x3F);
    }

    private void drainBuffer() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
