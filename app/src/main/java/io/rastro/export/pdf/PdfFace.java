package io.rastro.export.pdf;

import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ByteBuffer;
import org.openpdf.text.pdf.PdfEncodings;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A built-in Helvetica face (WinAnsi) as the PDF table uses it: each character's width and its byte in the page's
 * content stream, both taken from OpenPDF once per character and kept in tables. OpenPDF's own {@code showText}
 * and width calls look the encoding up by name, lower-casing it, for every string: with 29 short cells a row, that
 * lookup was a quarter of the time the table took to draw. What is measured and written is exactly what OpenPDF would measure
 * and write ({@code PdfFaceTest} compares every character).
 */
final class PdfFace {

    static final PdfFace REGULAR = new PdfFace(BaseFont.HELVETICA);
    static final PdfFace BOLD = new PdfFace(BaseFont.HELVETICA_BOLD);

    /** Each character's WinAnsi byte; 0 where it has none and is not drawn (emoji, non-Latin scripts). */
    private static final byte[] CODES = new byte[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            var bytes = PdfEncodings.convertToBytes((char) c, BaseFont.WINANSI);
            CODES[c] = bytes.length == 1 ? bytes[0] : 0;
        }
    }

    final BaseFont font;
    /** Each character's advance in glyph units (1/1000 of the font size), as {@link BaseFont#getWidth(int)} gives it. */
    private final short[] widths = new short[Character.MAX_VALUE + 1];

    private PdfFace(String name) {
        try {
            this.font = BaseFont.createFont(name, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            widths[c] = (short) font.getWidth(c);
        }
    }

    /** One character's advance in glyph units. */
    int width(char c) {
        return widths[c];
    }

    /** The width of {@code text[from, to)} at this size, in points: {@link BaseFont#getWidthPoint(String, float)}. */
    float widthPoint(String text, int from, int to, float size) {
        int units = 0;
        for (int i = from; i < to; i++) {
            units += widths[text.charAt(i)];
        }
        return units * 0.001f * size;
    }

    /**
     * Appends the show-text operator for one line, {@code (text[from, to))Tj}, escaped as OpenPDF escapes it and
     * followed by an ellipsis when {@code ellipsis}.
     */
    static void show(ByteBuffer content, String text, int from, int to, boolean ellipsis) {
        content.append_i('(');
        for (int i = from; i < to; i++) {
            var b = CODES[text.charAt(i)];
            switch (b) {
                case 0 -> { }
                case '\n' -> content.append_i('\\').append_i('n');
                case '\r' -> content.append_i('\\').append_i('r');
                case '\t' -> content.append_i('\\').append_i('t');
                case '\b' -> content.append_i('\\').append_i('b');
                case '\f' -> content.append_i('\\').append_i('f');
                case '(', ')', '\\' -> content.append_i('\\').append_i(b);
                default -> content.append_i(b);
            }
        }
        if (ellipsis) {
            content.append_i(CODES['\u2026']);
        }
        content.append_i(')').append_i('T').append_i('j').append_i('\n');
    }
}
