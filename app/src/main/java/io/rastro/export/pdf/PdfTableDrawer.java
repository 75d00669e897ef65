package io.rastro.export.pdf;

import org.openpdf.text.Document;
import org.openpdf.text.pdf.ByteBuffer;
import org.openpdf.text.pdf.PdfContentByte;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Draws the PDF table straight onto the page: each cell's text wrapped to its column by the font's own widths, a
 * row as tall as its tallest cell, a new page (with the header row again) when the next row does not fit, and
 * grid lines. OpenPDF's {@code PdfPTable} laid out every cell through its general text engine, twice (to measure,
 * then to write), and that was nearly all of a PDF export's time.
 *
 * <p>A row's text and rule are written as content-stream operators, with the columns' positions formatted once:
 * OpenPDF's drawing calls format every coordinate anew, and a row's box and 28 separators were 120 of them. The
 * columns' vertical lines are drawn once per page, from the header's top to the last row's bottom, so the grid
 * looks as if each row had its own box. {@link #finish()} draws the last page's.
 */
final class PdfTableDrawer {

    static final float SIZE = 6.5f;
    private static final float LEADING = 7.2f;
    private static final float PAD = 1.5f;
    /** From the top of a line to its baseline: Helvetica's ascender at this size. */
    private static final float ASCENT = 5.0f;
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
    private float headerHeight;
    /** Where this page's table starts (the header's top), for its vertical lines. */
    private float pageTop;
    /** The face the page's content last selected; a new page selects again. */
    private PdfFace selected;
    private final LineBreaks[] rowLines;
    private final LineBreaks[] headerLines;

    PdfTableDrawer(Document document, PdfContentByte cb, String[] headers, float[] weights, float top) {
        this.document = document;
        this.cb = cb;
        this.headers = headers;
        this.left = document.left();
        this.right = document.right();
        float total = 0;
        for (var w : weights) {
            total += w;
        }
        this.lefts = new float[weights.length];
        this.widths = new float[weights.length];
        this.textAt = new byte[weights.length][];
        float x = left;
        for (int i = 0; i < weights.length; i++) {
            lefts[i] = x;
            widths[i] = (right - left) * weights[i] / total;
            textAt[i] = ascii("1 0 0 1 " + ByteBuffer.formatDouble(x + PAD) + " ");
            x += widths[i];
        }
        this.rowLines = LineBreaks.forColumns(weights.length);
        this.headerLines = LineBreaks.forColumns(weights.length);
        this.y = top;
        row(headers, true);
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
            var cell = lines[i];
            if (cell.count == 0) {
                continue;
            }
            number(content.append(textAt[i]), y - PAD - ASCENT).append(SET_MATRIX);
            for (int l = 0; l < cell.count; l++) {
                if (l > 0) {
                    content.append(NEXT_LINE);
                }
                PdfFace.show(content, cells[i], cell.starts[l], cell.ends[l], cell.cut && l == cell.count - 1);
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
        headerHeight = height;
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

    /** How tall a data row of these cells is drawn: never taller than a page below its header row. */
    float height(String[] cells) {
        return layout(cells, PdfFace.REGULAR, LineBreaks.forColumns(cells.length));
    }

    /**
     * Breaks each cell into its lines and returns the row's height. A row never grows past one page (below its
     * header row): a cell that would is cut, and says so with an ellipsis.
     */
    private float layout(String[] cells, PdfFace face, LineBreaks[] lines) {
        int fits = Math.max(1, (int) ((document.top() - document.bottom() - headerHeight - 2 * PAD) / LEADING));
        int tallest = 1;
        for (int i = 0; i < cells.length; i++) {
            var cell = lines[i];
            breakLines(cells[i], widths[i] - 2 * PAD, face, cell);
            cell.cut = cell.count > fits;
            if (cell.cut) {
                cell.count = fits;
            }
            tallest = Math.max(tallest, cell.count);
        }
        return tallest * LEADING + 2 * PAD;
    }

    /** Where a cell's lines start and end in its text; reused row after row, so a row allocates none. */
    static final class LineBreaks {
        int[] starts = new int[8];
        int[] ends = new int[8];
        int count;
        /** Cut to fit the page: the last line is drawn with an ellipsis. */
        boolean cut;

        static LineBreaks[] forColumns(int columns) {
            var all = new LineBreaks[columns];
            for (int i = 0; i < columns; i++) {
                all[i] = new LineBreaks();
            }
            return all;
        }

        private void add(int start, int end) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count++] = end;
        }
    }

    /** The lines a cell's text takes in a column, as strings (see {@link #breakLines}). */
    static String[] wrap(String text, float width, PdfFace face) {
        var breaks = new LineBreaks();
        breakLines(text, width, face, breaks);
        var lines = new String[breaks.count];
        for (int l = 0; l < lines.length; l++) {
            lines[l] = text.substring(breaks.starts[l], breaks.ends[l]);
        }
        return lines;
    }

    /**
     * The lines a cell's text takes in a column: broken at spaces where it can be, inside a word where a word is
     * wider than the column, and at line breaks in the text. As offsets into the text, so that drawing a row
     * makes no line strings.
     */
    static void breakLines(String text, float width, PdfFace face, LineBreaks out) {
        out.count = 0;
        out.cut = false;
        if (text.isEmpty()) {
            return;
        }
        if (fitsOnOneLine(text, width, face)) {
            out.add(0, text.length());
            return;
        }
        int start = 0;
        // where the current line may end: before a space (which is dropped) or after a hyphen; -1 for none yet
        int breakAt = -1;
        boolean breakDrops = false;
        float used = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(start, i);
                start = i + 1;
                breakAt = -1;
                used = 0;
                continue;
            }
            var w = face.width(c) * SIZE / 1000f;
            // a loop: what follows a break may itself be too wide for the column, and is cut again
            while (used + w > width + 0.001f && i > start) {
                int end = breakAt > start ? breakAt : i;
                out.add(start, end);
                start = end == breakAt && breakDrops ? end + 1 : end;
                breakAt = -1;
                used = face.widthPoint(text, start, i, SIZE);
            }
            if (c == ' ') {
                breakAt = i;
                breakDrops = true;
            } else if (c == '-' && i + 1 > start) {
                breakAt = i + 1;
                breakDrops = false;
            }
            used += w;
        }
        if (start < text.length()) {
            out.add(start, text.length());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean fitsOnOneLine(String text, float width, PdfFace face) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return false;
            }
        }
        return face.widthPoint(text, 0, text.length(), SIZE) <= width;
    }
}
