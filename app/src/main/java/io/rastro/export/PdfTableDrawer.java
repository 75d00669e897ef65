package io.rastro.export;

import org.openpdf.text.Document;
import org.openpdf.text.pdf.ByteBuffer;
import org.openpdf.text.pdf.PdfContentByte;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    private static final byte[] NEXT_LINE = ("0 " + ByteBuffer.formatDouble(-LEADING) + " Td\n").getBytes(StandardCharsets.US_ASCII);

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
            textAt[i] = ("1 0 0 1 " + ByteBuffer.formatDouble(x + PAD) + " ").getBytes(StandardCharsets.US_ASCII);
            x += widths[i];
        }
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
        var lines = lines(cells, face);
        var height = height(lines);
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
        var baseline = ByteBuffer.formatDouble(y - PAD - ASCENT);
        content.append("BT\n");
        for (int i = 0; i < cells.length; i++) {
            if (lines[i].length == 0) {
                continue;
            }
            content.append(textAt[i]).append(baseline).append(" Tm\n");
            for (int l = 0; l < lines[i].length; l++) {
                if (l > 0) {
                    content.append(NEXT_LINE);
                }
                PdfFace.show(content, lines[i][l]);
            }
        }
        content.append("ET\n");
        y -= height;
        rule(content, y);
    }

    /** Draws this page's vertical lines, down to the last row drawn. */
    void finish() {
        var content = cb.getInternalBuffer();
        var top = ByteBuffer.formatDouble(pageTop);
        var bottom = ByteBuffer.formatDouble(y);
        for (int i = 0; i <= lefts.length; i++) {
            var x = ByteBuffer.formatDouble(i < lefts.length ? lefts[i] : right);
            content.append(x).append(' ').append(top).append(" m ").append(x).append(' ').append(bottom).append(" l\n");
        }
        content.append("S\n");
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
        var h = ByteBuffer.formatDouble(at);
        content.append(ByteBuffer.formatDouble(left)).append(' ').append(h).append(" m ")
                .append(ByteBuffer.formatDouble(right)).append(' ').append(h).append(" l S\n");
    }

    /** How tall a data row of these cells is drawn: never taller than a page below its header row. */
    float height(String[] cells) {
        return height(lines(cells, PdfFace.REGULAR));
    }

    /** Each cell's lines; a row never grows past one page (below its header row): a cell that would is cut, and says so. */
    private String[][] lines(String[] cells, PdfFace face) {
        var lines = new String[cells.length][];
        int fits = Math.max(1, (int) ((document.top() - document.bottom() - headerHeight - 2 * PAD) / LEADING));
        for (int i = 0; i < cells.length; i++) {
            lines[i] = wrap(cells[i], widths[i] - 2 * PAD, face);
            if (lines[i].length > fits) {
                lines[i] = Arrays.copyOf(lines[i], fits);
                lines[i][fits - 1] = lines[i][fits - 1] + "\u2026";
            }
        }
        return lines;
    }

    private static float height(String[][] lines) {
        int tallest = 1;
        for (var cell : lines) {
            tallest = Math.max(tallest, cell.length);
        }
        return tallest * LEADING + 2 * PAD;
    }

    /**
     * The lines a cell's text takes in a column: broken at spaces where it can be, inside a word where a word is
     * wider than the column, and at line breaks in the text.
     */
    static String[] wrap(String text, float width, PdfFace face) {
        if (text.isEmpty()) {
            return new String[0];
        }
        if (fitsOnOneLine(text, width, face)) {
            return new String[] {text};
        }
        var out = new ArrayList<String>();
        int start = 0;
        // where the current line may end: before a space (which is dropped) or after a hyphen; -1 for none yet
        int breakAt = -1;
        boolean breakDrops = false;
        float used = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                start = i + 1;
                breakAt = -1;
                used = 0;
                continue;
            }
            var w = face.width(c) * SIZE / 1000f;
            // a loop: what follows a break may itself be too wide for the column, and is cut again
            while (used + w > width + 0.001f && i > start) {
                int end = breakAt > start ? breakAt : i;
                out.add(text.substring(start, end));
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
            out.add(text.substring(start));
        }
        return out.toArray(String[]::new);
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
