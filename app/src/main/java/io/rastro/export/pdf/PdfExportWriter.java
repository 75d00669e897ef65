package io.rastro.export.pdf;

import io.rastro.export.CellText;
import io.rastro.export.ExportColumn;
import io.rastro.export.ExportContext;
import io.rastro.export.ExportFormat;
import io.rastro.export.ExportWords;
import io.rastro.export.FormatWriter;
import io.rastro.export.ZonedClock;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.RectangleReadOnly;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.Deflater;

/**
 * PDF for people: landscape A4; a title block with the period, the time zone, the filters, the total and the
 * data's cutoff, all in the export's language; the counts by status; then a table whose header repeats on every
 * page, and "Page n of m" at the top of each page. The table shows the columns a person reads a message by
 * ({@link ExportColumn#readableDefaults}) unless others were asked for, each as wide as its kind of value needs
 * ({@link PdfLayout}); what does not fit is named, not squeezed. Words are never broken ({@link PdfText}).
 *
 * <p>Each row is drawn onto the page as it arrives ({@link PdfTableDrawer}) and nothing of it is kept, so memory
 * does not grow with the row count; the row count itself is capped by the caller ({@code rastro.export.pdf-max-rows})
 * because a PDF of millions of rows helps nobody. Fonts are the built-in Helvetica (WinAnsi): Latin text including
 * Portuguese and Spanish accents renders; characters outside it (emoji, non-Latin scripts) are not drawn. CSV and
 * XLSX keep every character.
 */
@Component
public class PdfExportWriter implements FormatWriter {

    /** Longer texts are cut before they are fitted: three lines of a column hold far fewer characters. */
    static final int MAX_CELL_CHARS = 300;
    private static final float MARGIN = 24;
    private static final Font TITLE = new Font(Font.HELVETICA, 14, Font.BOLD);
    private static final Font META = new Font(Font.HELVETICA, 8.5f);
    private static final Font META_BOLD = new Font(Font.HELVETICA, 8.5f, Font.BOLD);
    private static final Font COUNT = new Font(Font.HELVETICA, 8);
    private static final Font COUNT_BOLD = new Font(Font.HELVETICA, 8, Font.BOLD);
    private static final Font NOTICE = new Font(Font.HELVETICA, 9, Font.BOLD, new Color(0xB0, 0x30, 0x00));
    private static final Color HEADER_FILL = new Color(0xE8, 0xE8, 0xE8);

    @Override
    public ExportFormat format() {
        return ExportFormat.PDF;
    }

    @Override
    public long write(ExportContext context, OutputStream out) throws IOException {
        var words = ExportWords.of(context.locale());
        var heading = context.heading();
        // a landscape media box rather than a portrait one turned by /Rotate: every viewer and text reader agrees
        var document = new Document(new RectangleReadOnly(PageSize.A4.getHeight(), PageSize.A4.getWidth()), MARGIN,
                MARGIN, 30, 30);
        try {
            var writer = PdfWriter.getInstance(document, out);
            writer.setCloseStream(false);
            // Page contents are deflated as they are written; OpenPDF's default level took 40% of the drawing's
            // time. The fastest level writes 10,000 rows in 100 ms instead of 165, for a file 10% larger.
            writer.setCompressionLevel(Deflater.BEST_SPEED);
            var title = words.get("report.title") + " — " + heading.accountName();
            writer.setPageEvent(new PageNumbers(words, title + " · " + heading.period()));
            document.addTitle(title);
            document.addCreator("Rastro");
            document.open();
            var columns = context.columns();
            var headers = columns.stream().map(c -> words.header(c, heading.direction())).toList();
            var layout = PdfLayout.of(columns, headers, document.right() - document.left(), PdfTableDrawer.SIZE,
                    PdfTableDrawer.PAD);
            heading(document, title, heading, words, layout.leftOut());
            var shown = layout.columns();
            var kinds = new ExportColumn.Kind[shown.size()];
            var oneLine = new boolean[shown.size()];
            var shownHeaders = new String[shown.size()];
            var translated = new boolean[shown.size()];
            // the words of a column's values, looked up once per distinct value rather than once per cell
            var valueWords = new Map[shown.size()];
            for (int i = 0; i < kinds.length; i++) {
                var column = shown.get(i);
                kinds[i] = column.kind;
                oneLine[i] = layout.shapes()[i] == PdfLayout.Shape.ID;
                shownHeaders[i] = headers.get(i);
                translated[i] = ExportWords.vocabulary(column) != null;
                valueWords[i] = new HashMap<String, String>();
            }
            // the table's columns are a prefix of the statement's: a left-out column is read but not drawn
            var table = new PdfTableDrawer(document, writer.getDirectContent(), shownHeaders, layout.widths(),
                    oneLine, writer.getVerticalPosition(true) - 4);
            var clock = new ZonedClock(context.zone());
            var progress = context.progress();
            var cells = new String[kinds.length];
            context.streamRows(row -> {
                progress.row();
                for (int i = 0; i < kinds.length; i++) {
                    Object value = row.readValue(i + 1);
                    var text = value == null ? "" : switch (kinds[i]) {
                        case TEXT -> CellText.capped((String) value, MAX_CELL_CHARS);
                        case INSTANT -> clock.local(((Number) value).longValue());
                        case NUMBER, BOOL -> value.toString();
                    };
                    if (translated[i] && !text.isEmpty()) {
                        var column = shown.get(i);
                        @SuppressWarnings("unchecked")
                        var known = (Map<String, String>) valueWords[i];
                        text = known.computeIfAbsent(text, v -> words.value(column, v));
                    }
                    cells[i] = text;
                }
                table.row(cells, false);
            });
            if (progress.rows() == 0) {
                table.note(words.get("report.noRows"));
            }
            table.finish();
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

    private static void heading(Document document, String title, ExportContext.Heading heading, ExportWords words,
                                List<ExportColumn> leftOut) {
        var titleParagraph = new Paragraph(title, TITLE);
        titleParagraph.setSpacingAfter(4);
        document.add(titleParagraph);
        document.add(line(words.get("report.period"), heading.period(), words.get("report.timeZone"),
                heading.timeZone()));
        document.add(line(words.get("report.filters"), heading.filters().isEmpty() ? words.get("report.none")
                : heading.filters()));
        var totals = line(words.get("report.total"), words.get("report.messages", heading.matched()),
                words.get("report.dataAsOf"), heading.dataAsOf(), words.get("report.generated"),
                heading.generatedAt());
        totals.setSpacingAfter(6);
        document.add(totals);
        if (!heading.byStatus().isEmpty()) {
            document.add(new Paragraph(words.get("report.byStatus"), META_BOLD));
            document.add(statusCounts(heading, words));
        }
        if (heading.truncation() != null) {
            document.add(notice(heading.truncation()));
        }
        if (!leftOut.isEmpty()) {
            var names = leftOut.stream().map(c -> words.header(c, heading.direction()))
                    .collect(Collectors.joining(", "));
            document.add(notice(words.get("report.columnsLeftOut", leftOut.size(), names)));
        }
    }

    /** Label: value pairs on one line, the labels bold. */
    private static Paragraph line(String... labelsAndValues) {
        var paragraph = new Paragraph();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            if (i > 0) {
                paragraph.add(new Chunk("     ", META));
            }
            paragraph.add(new Chunk(labelsAndValues[i] + ": ", META_BOLD));
            paragraph.add(new Chunk(labelsAndValues[i + 1], META));
        }
        return paragraph;
    }

    private static Paragraph notice(String text) {
        var notice = new Paragraph(text, NOTICE);
        notice.setSpacingBefore(2);
        notice.setSpacingAfter(4);
        return notice;
    }

    /** One column per status, most first, and the total: the status's word over its count. */
    private static PdfPTable statusCounts(ExportContext.Heading heading, ExportWords words) {
        var counts = heading.byStatus();
        var numbers = NumberFormat.getIntegerInstance(words.locale());
        var table = new PdfPTable(counts.size() + 1);
        table.setTotalWidth(66f * (counts.size() + 1));
        table.setLockedWidth(true);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        table.setSpacingBefore(2);
        table.setSpacingAfter(8);
        for (var count : counts) {
            table.addCell(cell(words.value(ExportColumn.STATUS, count.status()), COUNT_BOLD, true));
        }
        table.addCell(cell(words.get("report.total"), COUNT_BOLD, true));
        for (var count : counts) {
            table.addCell(cell(numbers.format(count.count()), COUNT, false));
        }
        table.addCell(cell(numbers.format(heading.matched()), COUNT_BOLD, false));
        return table;
    }

    private static PdfPCell cell(String text, Font font, boolean header) {
        var cell = new PdfPCell(new Phrase(text, font));
        cell.setPadding(3);
        cell.setBorderWidth(0.5f);
        cell.setHorizontalAlignment(header ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
        if (header) {
            cell.setBackgroundColor(HEADER_FILL);
        }
        return cell;
    }

    /**
     * "Page n of m" at the top right of every page, and from the second page on the title and period at the top
     * left; m is known only at the end, so it is drawn into a shared template then.
     */
    private static final class PageNumbers extends PdfPageEventHelper {

        private static final BaseFont FONT = PdfFace.REGULAR.font;
        private static final float SIZE = 8;

        private final ExportWords words;
        private final String running;
        private PdfTemplate total;

        PageNumbers(ExportWords words, String running) {
            this.words = words;
            this.running = running;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(40, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            var page = writer.getPageNumber();
            var text = words.get("report.page", page) + " ";
            var cb = writer.getDirectContent();
            var y = document.top() + 12;
            var x = document.right() - 40 - FONT.getWidthPoint(text, SIZE);
            cb.beginText();
            cb.setFontAndSize(FONT, SIZE);
            if (page > 1) {
                cb.setTextMatrix(document.left(), y);
                cb.showText(running);
            }
            // the page's number last, right before its total, so a reader of the text finds "Page n of m" whole
            cb.setTextMatrix(x, y);
            cb.showText(text);
            cb.endText();
            cb.addTemplate(total, x + FONT.getWidthPoint(text, SIZE), y);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            total.beginText();
            total.setFontAndSize(FONT, SIZE);
            total.setTextMatrix(0, 0);
            total.showText(String.valueOf(writer.getPageNumber() - 1));
            total.endText();
        }
    }
}
