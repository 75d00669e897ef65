package io.rastro.export.pdf;

import org.openpdf.text.Document;
import org.openpdf.text.pdf.ByteBuffer;
import org.openpdf.text.pdf.PdfContentByte;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the PDF table straight onto the page: each cell's text fitted to its column by the font's own widths
 * ({@link PdfText}: wrapped at spaces, at most {@link #MAX_LINES} lines; identifiers on one line, shortened in the
 * middle), a row as tall as its tallest cell, a new page (with the header row again) when the next row does not
 * fit, and grid lines. OpenPDF's {@code PdfPTable} laid out every cell through its general text engine, twice
 * (to measure, then to write), and that was nearly all of a PDF export's time.
 *
 * <p>A row's text and rule are written as content-stream operators, with the columns' positions formatted once:
 * OpenPDF's drawing calls format every coordinate anew, and a row's box and 28 separators were 120 of them. The
 * columns' vertical lines are drawn once per page, from the header's top to the last row's bottom, so the grid
 * looks as if each row had its own box. {@link #finish()} draws the last page's.
 */
final class PdfTableDrawer {

    static final float SIZE = 7f;
    static final float PAD = 2f;
    /** The most lines a data cell takes; what does not fit ends in an ellipsis (the whole text is in CSV/XLSX). */
    static final int MAX_LINES = 3;
    private static final float LEADING = 8.2f;
    /** From the top of a line to its baseline: Helvetica's ascender (718/1000) at this size. */
    private static final float ASCENT = 5.1f;
    private static final Color HEADER_FILL = new Color(0xE8, 0xE8, 0xE8);
    private static final byte[] NEXT_LINE = ascii("0 " + ByteBuffer.formatDouble(-LEADING) + " Td\n");
    private static final byte[] BEGIN_TEXT = ascii("BT\n");
    private static final byte[] END_TEXT = ascii("ET\n");
    private static final byte[] SET_MATRIX = ascii(" Tm\n");
    private static final byte[] MOVE_TO = ascii(" m ");
    private static final byte[] LINE_TO = ascii(" l\n");
    private static final byte[] STROKE = ascii("S\n");

    private final Document document;
    private final PdfContentByte cb;
    private final String[] headers;
    private final float[] lefts;
    private final float[] widths;
    /** Each column's text matrix but for its baseline: {@code 1 0 0 1 x }. */
    private final byte[][] textAt;
    private final float left;
    private final float right;
    private float y;
    /** Where this page's table starts (the header's top), for its vertical lines. */
    private float pageTop;
    /** The face the page's content last selected; a new page selects again. */
    private PdfFace selected;
    /** Which columns hold identifiers, kept on one line. */
    private final boolean[] oneLine;
    private final List<List<String>> rowLines;
    private final List<List<String>> headerLines;

    /**
     * @param widths  each column's width in points (they add up to the table's width, from the left margin)
     * @param oneLine which columns hold identifiers: one line each, shortened in the middle
     */
    PdfTableDrawer(Document document, PdfContentByte cb, String[] headers, float[] widths, boolean[] oneLine,
                   float top) {
        this.document = document;
        this.cb = cb;
        this.headers = headers;
        this.oneLine = oneLine.clone();
        this.left = document.left();
        this.lefts = new float[widths.length];
        this.widths = widths.clone();
        this.textAt = new byte[widths.length][];
        float x = left;
        for (int i = 0; i < widths.length; i++) {
            lefts[i] = x;
            textAt[i] = ascii("1 0 0 1 " + ByteBuffer.formatDouble(x + PAD) + " ");
            x += widths[i];
        }
        this.right = x;
        this.rowLines = lines(widths.length);
        this.headerLines = lines(widths.length);
        this.y = top;
        row(headers, true);
    }

    private static List<List<String>> lines(int columns) {
        var all = new ArrayList<List<String>>(columns);
        for (int i = 0; i < columns; i++) {
            all.add(List.of());
        }
        return all;
    }

    /** The message shown below the header when no row matched. */
    void note(String text) {
        cb.beginText();
        cb.setFontAndSize(PdfFace.REGULAR.font, 8);
        cb.setTextMatrix(left, y - 12);
        cb.showText(text);
        cb.endText();
        selected = null;
    }

    void row(String[] cells, boolean header) {
        var face = header ? PdfFace.BOLD : PdfFace.REGULAR;
        // the header has breaks of its own: a page break draws it between this row's layout and its drawing
        var lines = header ? headerLines : rowLines;
        var height = layout(cells, face, lines);
        if (!header && y - height < document.bottom()) {
            finish();
            document.newPage();
            y = document.top();
            row(headers, true);
        }
        if (header) {
            startPage(height);
        }
        if (face != selected) {
            cb.setFontAndSize(face.font, SIZE);
            selected = face;
        }
        var content = cb.getInternalBuffer();
        content.append(BEGIN_TEXT);
        for (int i = 0; i < cells.length; i++) {
            var cell = lines.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            number(content.append(textAt[i]), y - PAD - ASCENT).append(SET_MATRIX);
            for (int l = 0; l < cell.size(); l++) {
                if (l > 0) {
                    content.append(NEXT_LINE);
                }
                var line = cell.get(l);
                PdfFace.show(content, line, 0, line.length(), false);
            }
        }
        content.append(END_TEXT);
        y -= height;
        rule(content, y);
    }

    /** Draws this page's vertical lines, down to the last row drawn. */
    void finish() {
        var content = cb.getInternalBuffer();
        for (int i = 0; i <= lefts.length; i++) {
            var x = i < lefts.length ? lefts[i] : right;
            line(content, x, pageTop, x, y);
        }
        content.append(STROKE);
    }

    /** The header's fill and the table's top line; a page's content starts with no face selected. */
    private void startPage(float height) {
        pageTop = y;
        selected = null;
        cb.setColorFill(HEADER_FILL);
        cb.rectangle(left, y - height, right - left, height);
        cb.fill();
        cb.setColorFill(Color.BLACK);
        cb.setLineWidth(0.5f);
        cb.setColorStroke(Color.BLACK);
        rule(cb.getInternalBuffer(), y);
    }

    /** A horizontal line across the table at {@code at}. */
    private void rule(ByteBuffer content, float at) {
        line(content, left, at, right, at);
        content.append(STROKE);
    }

    private static void line(ByteBuffer content, float x1, float y1, float x2, float y2) {
        number(number(content, x1).append_i(' '), y1).append(MOVE_TO);
        number(number(content, x2).append_i(' '), y2).append(LINE_TO);
    }

    /**
     * A coordinate as the content stream takes it, to the hundredth of a point (as OpenPDF writes them, trailing
     * zeros dropped), written straight into the buffer: OpenPDF's {@code formatDouble} builds a String for each
     * number, and the rows' baselines and rules were a fifth of the drawing's time.
     */
    static ByteBuffer number(ByteBuffer content, float value) {
        long hundredths = Math.round(value * 100.0);
        if (hundredths < 0) {
            content.append_i('-');
            hundredths = -hundredths;
        }
        var whole = hundredths / 100;
        // digits by hand: ByteBuffer's append(long) goes through formatDouble too
        long scale = 1;
        while (scale * 10 <= whole) {
            scale *= 10;
        }
        for (; scale > 0; scale /= 10) {
            content.append_i((int) ('0' + whole / scale % 10));
        }
        int fraction = (int) (hundredths % 100);
        if (fraction != 0) {
            content.append_i('.').append_i('0' + fraction / 10);
            if (fraction % 10 != 0) {
                content.append_i('0' + fraction % 10);
            }
        }
        return content;
    }

    /** How tall a data row of these cells is drawn. */
    float height(String[] cells) {
        return layout(cells, PdfFace.REGULAR, lines(cells.length));
    }

    /**
     * Fits each cell into its column and returns the row's height. Data cells take at most {@link #MAX_LINES}
     * lines, so a row is always far shorter than a page; header cells wrap at spaces as far as they need (the
     * columns are never narrower than a header's longest word: {@link PdfLayout}).
     */
    private float layout(String[] cells, PdfFace face, List<List<String>> lines) {
        int tallest = 1;
        for (int i = 0; i < cells.length; i++) {
            var room = widths[i] - 2 * PAD;
            List<String> cell;
            if (face == PdfFace.BOLD) {
                cell = PdfText.wrap(cells[i], room, face, SIZE, Integer.MAX_VALUE);
            } else if (oneLine[i]) {
                var id = PdfText.middle(cells[i], room, face, SIZE);
                cell = id == null || id.isEmpty() ? List.of() : List.of(id);
            } else {
                cell = PdfText.wrap(cells[i], room, face, SIZE, MAX_LINES);
            }
            lines.set(i, cell);
            tallest = Math.max(tallest, cell.size());
        }
        return tallest * LEADING + 2 * PAD;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
