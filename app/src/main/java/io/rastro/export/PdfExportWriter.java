package io.rastro.export;

import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;

/**
 * PDF for people: landscape A4, a title block (account, period, filters, generation time, and the cap notice when
 * rows were left out), a table whose header repeats on every page, and "Page n of m" footers. Each row is drawn
 * onto the page as it arrives ({@link TableDrawer}) and nothing of it is kept, so memory does not grow with the
 * row count; the row count itself is capped by the caller ({@code rastro.export.pdf-max-rows}) because a PDF of
 * millions of rows helps nobody.
 *
 * <p>Fonts are the built-in Helvetica (WinAnsi): Latin text including Portuguese and Spanish accents renders;
 * characters outside it (emoji, non-Latin scripts) are not drawn. CSV and XLSX keep every character.
 */
@Component
class PdfExportWriter implements FormatWriter {

    /** Longer texts are cut in the PDF: a cell of pages is unreadable; the full text is in CSV/XLSX. */
    static final int MAX_CELL_CHARS = 300;
    private static final Font TITLE = new Font(Font.HELVETICA, 14, Font.BOLD);
    private static final Font META = new Font(Font.HELVETICA, 8);
    private static final Font NOTICE = new Font(Font.HELVETICA, 9, Font.BOLD, new Color(0xB0, 0x30, 0x00));

    @Override
    public ExportFormat format() {
        return ExportFormat.PDF;
    }

    @Override
    public long write(ExportContext context, OutputStream out) throws IOException {
        var labels = Labels.of(context.locale());
        var document = new Document(PageSize.A4.rotate(), 24, 24, 28, 36);
        try {
            var writer = org.openpdf.text.pdf.PdfWriter.getInstance(document, out);
            writer.setCloseStream(false);
            writer.setPageEvent(new Footer(labels));
            document.addTitle(context.heading().title());
            document.addCreator("Rastro");
            document.open();
            heading(document, context.heading(), labels);
            var columns = context.columns();
            var kinds = columns.stream().map(c -> c.kind).toArray(ExportColumn.Kind[]::new);
            var headers = columns.stream().map(c -> c.header(context.locale())).toArray(String[]::new);
            var table = new TableDrawer(document, writer.getDirectContent(), headers, widths(columns),
                    writer.getVerticalPosition(true) - 4);
            var clock = new ZonedClock(context.zone());
            var progress = context.progress();
            var cells = new String[kinds.length];
            context.streamRows(row -> {
                progress.row();
                for (int i = 0; i < kinds.length; i++) {
                    Object value = row.readValue(i + 1);
                    cells[i] = value == null ? "" : switch (kinds[i]) {
                        case TEXT -> CellText.capped((String) value, MAX_CELL_CHARS);
                        case INSTANT -> clock.local(((Number) value).longValue());
                        case NUMBER, BOOL -> value.toString();
                    };
                }
                table.row(cells, false);
            });
            if (progress.rows() == 0) {
                table.note(labels.noRows());
            }
            document.close();
            out.flush();
            return progress.rows();
        } catch (DocumentException e) {
            throw new IOException("PDF could not be written: " + e.getMessage(), e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
    }

    private static float[] widths(java.util.List<ExportColumn> columns) {
        var widths = new float[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).weight;
        }
        return widths;
    }

    private static void heading(Document document, ExportContext.Heading heading, Labels labels) {
        var title = new Paragraph(heading.title() + " — " + heading.accountName(), TITLE);
        title.setSpacingAfter(4);
        document.add(title);
        document.add(new Paragraph(labels.period() + ": " + heading.period(), META));
        document.add(new Paragraph(labels.filters() + ": "
                + (heading.filters().isEmpty() ? labels.none() : heading.filters()), META));
        var generated = new Paragraph(labels.generated() + ": " + heading.generatedAt(), META);
        generated.setSpacingAfter(6);
        document.add(generated);
        if (heading.truncation() != null) {
            var notice = new Paragraph(heading.truncation(), NOTICE);
            notice.setSpacingAfter(6);
            document.add(notice);
        }
    }

    /**
     * Draws the table straight onto the page: each cell's text wrapped to its column by the font's own widths, a
     * row as tall as its tallest cell, a new page (with the header row again) when the next row does not fit, and
     * grid lines. OpenPDF's {@code PdfPTable} laid out every cell through its general text engine, twice (to
     * measure, then to write), and that was nearly all of a PDF export's time.
     */
    static final class TableDrawer {

        static final float SIZE = 6.5f;
        private static final float LEADING = 7.2f;
        private static final float PAD = 1.5f;
        /** From the top of a line to its baseline: Helvetica's ascender at this size. */
        private static final float ASCENT = 5.0f;
        private static final Color HEADER_FILL = new Color(0xE8, 0xE8, 0xE8);

        private final Document document;
        private final PdfContentByte cb;
        private final BaseFont regular;
        private final BaseFont bold;
        private final String[] headers;
        private final float[] lefts;
        private final float[] widths;
        private final float left;
        private final float right;
        private float y;
        private float headerHeight;

        TableDrawer(Document document, PdfContentByte cb, String[] headers, float[] weights, float top) throws IOException {
            this.document = document;
            this.cb = cb;
            this.regular = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            this.bold = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            this.headers = headers;
            this.left = document.left();
            this.right = document.right();
            float total = 0;
            for (var w : weights) {
                total += w;
            }
            this.lefts = new float[weights.length];
            this.widths = new float[weights.length];
            float x = left;
            for (int i = 0; i < weights.length; i++) {
                lefts[i] = x;
                widths[i] = (right - left) * weights[i] / total;
                x += widths[i];
            }
            this.y = top;
            row(headers, true);
        }

        /** The message shown below the header when no row matched. */
        void note(String text) {
            cb.beginText();
            cb.setFontAndSize(regular, 8);
            cb.setTextMatrix(left, y - 12);
            cb.showText(text);
            cb.endText();
        }

        void row(String[] cells, boolean header) {
            var font = header ? bold : regular;
            var lines = lines(cells, font);
            var height = height(lines);
            if (!header && y - height < document.bottom()) {
                document.newPage();
                y = document.top();
                row(headers, true);
            }
            if (header) {
                headerHeight = height;
                cb.setColorFill(HEADER_FILL);
                cb.rectangle(left, y - height, right - left, height);
                cb.fill();
                cb.setColorFill(Color.BLACK);
            }
            cb.beginText();
            cb.setFontAndSize(font, SIZE);
            for (int i = 0; i < cells.length; i++) {
                for (int l = 0; l < lines[i].length; l++) {
                    cb.setTextMatrix(lefts[i] + PAD, y - PAD - ASCENT - l * LEADING);
                    cb.showText(lines[i][l]);
                }
            }
            cb.endText();
            // the row's box and its column separators
            cb.setLineWidth(0.5f);
            cb.setColorStroke(Color.BLACK);
            cb.rectangle(left, y - height, right - left, height);
            for (int i = 1; i < lefts.length; i++) {
                cb.moveTo(lefts[i], y);
                cb.lineTo(lefts[i], y - height);
            }
            cb.stroke();
            y -= height;
        }

        /** How tall a data row of these cells is drawn: never taller than a page below its header row. */
        float height(String[] cells) {
            return height(lines(cells, regular));
        }

        /** Each cell's lines; a row never grows past one page (below its header row): a cell that would is cut, and says so. */
        private String[][] lines(String[] cells, BaseFont font) {
            var lines = new String[cells.length][];
            int fits = Math.max(1, (int) ((document.top() - document.bottom() - headerHeight - 2 * PAD) / LEADING));
            for (int i = 0; i < cells.length; i++) {
                lines[i] = wrap(cells[i], widths[i] - 2 * PAD, font);
                if (lines[i].length > fits) {
                    lines[i] = java.util.Arrays.copyOf(lines[i], fits);
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
         * The lines a cell's text takes in a column: broken at spaces where it can be, inside a word where a word
         * is wider than the column, and at line breaks in the text.
         */
        static String[] wrap(String text, float width, BaseFont font) {
            if (text.isEmpty()) {
                return new String[0];
            }
            if (font.getWidthPoint(text, SIZE) <= width && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
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
                var w = font.getWidth(c) * SIZE / 1000f;
                // a loop: what follows a break may itself be too wide for the column, and is cut again
                while (used + w > width + 0.001f && i > start) {
                    int end = breakAt > start ? breakAt : i;
                    out.add(text.substring(start, end));
                    start = end == breakAt && breakDrops ? end + 1 : end;
                    breakAt = -1;
                    used = font.getWidthPoint(text.substring(start, i), SIZE);
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
    }

    /** "Page n of m" on every page; m is known only at the end, so it is drawn into a shared template then. */
    private static final class Footer extends PdfPageEventHelper {

        private final Labels labels;
        private final BaseFont font;
        private PdfTemplate total;

        Footer(Labels labels) {
            this.labels = labels;
            try {
                this.font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onOpenDocument(org.openpdf.text.pdf.PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(40, 12);
        }

        @Override
        public void onEndPage(org.openpdf.text.pdf.PdfWriter writer, Document document) {
            var text = labels.page() + " " + writer.getPageNumber() + " " + labels.of() + " ";
            var cb = writer.getDirectContent();
            var x = document.right() - 70;
            var y = document.bottom() - 20;
            cb.beginText();
            cb.setFontAndSize(font, 8);
            cb.setTextMatrix(x, y);
            cb.showText(text);
            cb.endText();
            cb.addTemplate(total, x + font.getWidthPoint(text, 8), y);
        }

        @Override
        public void onCloseDocument(org.openpdf.text.pdf.PdfWriter writer, Document document) {
            total.beginText();
            total.setFontAndSize(font, 8);
            total.setTextMatrix(0, 0);
            total.showText(String.valueOf(writer.getPageNumber() - 1));
            total.endText();
        }
    }
}
