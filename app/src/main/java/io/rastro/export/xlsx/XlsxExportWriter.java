package io.rastro.export.xlsx;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import io.rastro.export.CellText;
import io.rastro.export.ExportColumn;
import io.rastro.export.ExportContext;
import io.rastro.export.ExportFormat;
import io.rastro.export.ExportWords;
import io.rastro.export.FormatWriter;
import io.rastro.export.ZonedClock;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * XLSX (Office Open XML), written as it streams: the package's few fixed parts, then each sheet's XML straight
 * into its zip entry as the rows arrive, then the workbook part that lists the sheets. Nothing but the current row
 * is in memory and there is no temporary file. Header row bold, frozen and with an autofilter, instants as real
 * date cells in the export's zone, a new sheet every 1,048,575 data rows (Excel's limit), text capped at Excel's
 * 32,767 characters per cell with a visible marker. Strings are never formulas: the columns whose values repeat are shared strings
 * ({@link XlsxSharedStrings}), the rest inline strings. They are still neutralised like in CSV because people copy
 * cells and re-save sheets as CSV.
 * <p>
 * Why not POI's streaming workbook: it builds a cell object per value, writes every row to a compressed temporary
 * file and copies that file into the package at the end. On an account-month at 100M messages that held XLSX to
 * ~15k rows/s; the format itself needs none of it.
 */
@Component
public class XlsxExportWriter implements FormatWriter {

    /** Excel's rows per sheet (1,048,576) minus the header. */
    public static final int EXCEL_ROWS_PER_SHEET = 1_048_575;

    static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
    static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    /** Style indexes in {@link #STYLES}: 0 plain, 1 bold (header), 2 date-time with milliseconds. */
    private static final int BOLD = 1;
    private static final int DATE = 2;

    // Sheets take the default content type of .xml parts, so this part can be written before the sheet count is known.
    private static final String CONTENT_TYPES = XML_HEAD
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>"
            + "</Types>";
    private static final String ROOT_RELS = XML_HEAD + "<Relationships xmlns=\"" + PKG_REL_NS + "\">"
            + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"" + PKG_REL_NS + "/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"" + REL_NS + "/custom-properties\" Target=\"docProps/custom.xml\"/>"
            + "</Relationships>";
    /** The custom properties' format id that Office itself uses for user-defined properties. */
    private static final String USER_PROPERTIES = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

    private static final String STYLES = XML_HEAD + "<styleSheet xmlns=\"" + MAIN_NS + "\">"
            + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm:ss.000\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>";

    /**
     * The columns written as shared strings: few distinct values, each repeated over many rows. Ids, phones and
     * texts stay inline; sharing them would only fill the table.
     */
    private static final Set<ExportColumn> REPEATING = EnumSet.of(ExportColumn.DIRECTION, ExportColumn.SUBACCOUNT_ID,
            ExportColumn.SUBACCOUNT_NAME, ExportColumn.USER, ExportColumn.CAMPAIGN_ID, ExportColumn.CAMPAIGN_NAME,
            ExportColumn.CONTENT_TYPE, ExportColumn.TEMPLATE_NAME, ExportColumn.TEMPLATE_LANGUAGE,
            ExportColumn.CONVERSATION_TYPE, ExportColumn.PRICING_CATEGORY, ExportColumn.STATUS,
            ExportColumn.ERROR_TITLE, ExportColumn.BUTTON_PAYLOAD, ExportColumn.BUTTON_TEXT);

    private final int rowsPerSheet;

    public XlsxExportWriter() {
        this(EXCEL_ROWS_PER_SHEET);
    }

    /** A smaller sheet size lets a test see the sheet roll over without writing a million rows. */
    public XlsxExportWriter(int rowsPerSheet) {
        this.rowsPerSheet = rowsPerSheet;
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.XLSX;
    }

    /** The sheets a workbook of {@code rows} data rows has: one, and one more every 1,048,575 rows. */
    public static int sheets(long rows) {
        return (int) Math.max(1, (rows + EXCEL_ROWS_PER_SHEET - 1) / EXCEL_ROWS_PER_SHEET);
    }

    @Override
    public long write(ExportContext context, OutputStream out) throws IOException {
        // finish(), never close(), on the zip: the caller owns the stream and flushes and forces it afterwards
        var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        // the sheets are most of the bytes and repeat themselves: the fastest level still shrinks them ~10x
        zip.setLevel(Deflater.BEST_SPEED);
        try (var parts = new Parts(zip)) {
            parts.write("[Content_Types].xml", CONTENT_TYPES);
            parts.write("_rels/.rels", ROOT_RELS);
            parts.write("xl/styles.xml", STYLES);
            properties(parts, context);
            var sheets = new SheetWriter(parts, context);
            try {
                context.streamRows(row -> {
                    context.progress().row();
                    try {
                        sheets.row(row, rowsPerSheet);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            var count = sheets.finish();
            parts.begin("xl/sharedStrings.xml");
            sheets.strings.write(parts.xml);
            parts.end();
            parts.write("xl/workbook.xml", workbook(count));
            parts.write("xl/_rels/workbook.xml.rels", workbookRels(count));
        }
        zip.finish();
        return context.progress().rows();
    }

    /**
     * The package's entries, their XML deflated on a thread of its own ({@link PipelinedOutputStream}). Deflating
     * an account-month's sheet XML (700 MB at 10M messages) takes ~4 s of CPU, as much as decoding the rows and
     * writing the XML: on one thread the two added up. Each entry is drained into the zip before the next one starts.
     */
    private static final class Parts implements AutoCloseable {

        private final ZipOutputStream zip;
        private final PipelinedOutputStream deflating;
        final XmlUtf8Writer xml;

        Parts(ZipOutputStream zip) {
            this.zip = zip;
            this.deflating = new PipelinedOutputStream(zip, "xlsx-deflate");
            this.xml = new XmlUtf8Writer(deflating);
        }

        void begin(String name) throws IOException {
            deflating.drain();
            zip.putNextEntry(new ZipEntry(name));
        }

        void end() throws IOException {
            xml.flush();
            deflating.drain();
            zip.closeEntry();
        }

        void write(String name, String content) throws IOException {
            begin(name);
            xml.write(content);
            end();
        }

        @Override
        public void close() throws IOException {
            deflating.close();
        }
    }

    /**
     * The document's properties: its title, and up to when its data was complete, where a person (File →
     * Properties) and a program (the custom properties) find them without reading a row.
     */
    private static void properties(Parts parts, ExportContext context) throws IOException {
        var words = ExportWords.of(context.locale());
        var heading = context.heading();
        parts.begin("docProps/core.xml");
        parts.xml.write(XML_HEAD + "<cp:coreProperties"
                + " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
        if (heading != null) {
            parts.xml.write("<dc:title>");
            parts.xml.text(words.get("report.title") + " — " + heading.accountName());
            parts.xml.write("</dc:title><dc:description>");
            parts.xml.text(words.get("report.dataAsOf") + " " + heading.dataAsOf() + " (" + heading.timeZone() + ")");
            parts.xml.write("</dc:description>");
        }
        // whole seconds: Excel refuses a W3CDTF time with a fraction in it
        parts.xml.write("<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "</dcterms:created></cp:coreProperties>");
        parts.end();
        // custom properties (File → Properties → Custom): which data the workbook holds
        var custom = new StringBuilder(XML_HEAD).append("<Properties")
                .append(" xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\"")
                .append(" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">");
        var pid = 2; // ids 0 and 1 are reserved
        for (var entry : context.snapshot().metadata().entrySet()) {
            custom.append("<property fmtid=\"").append(USER_PROPERTIES).append("\" pid=\"").append(pid++)
                    .append("\" name=\"").append(entry.getKey()).append("\"><vt:lpwstr>").append(entry.getValue())
                    .append("</vt:lpwstr></property>");
        }
        parts.write("docProps/custom.xml", custom.append("</Properties>").toString());
    }

    private static String workbook(int sheets) {
        var sb = new StringBuilder(XML_HEAD).append("<workbook xmlns=\"").append(MAIN_NS).append("\" xmlns:r=\"")
                .append(REL_NS).append("\"><sheets>");
        for (int i = 1; i <= sheets; i++) {
            sb.append("<sheet name=\"").append(sheetName(i)).append("\" sheetId=\"").append(i).append("\" r:id=\"rId")
                    .append(i).append("\"/>");
        }
        return sb.append("</sheets></workbook>").toString();
    }

    private static String workbookRels(int sheets) {
        var sb = new StringBuilder(XML_HEAD).append("<Relationships xmlns=\"").append(PKG_REL_NS).append("\">");
        for (int i = 1; i <= sheets; i++) {
            sb.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(REL_NS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
        }
        sb.append("<Relationship Id=\"rId").append(sheets + 1).append("\" Type=\"").append(REL_NS)
                .append("/styles\" Target=\"styles.xml\"/>");
        sb.append("<Relationship Id=\"rId").append(sheets + 2).append("\" Type=\"").append(REL_NS)
                .append("/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        return sb.append("</Relationships>").toString();
    }

    /** Whether a text starts or ends with white space, which XML keeps only when told to. */
    static boolean keepsSpaces(String value) {
        return !value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1)));
    }

    private static String sheetName(int number) {
        return number == 1 ? "Messages" : "Messages " + number;
    }

    /** Column widths in characters: autosizing would need every row in memory. */
    private static int width(ExportColumn column) {
        return switch (column.kind) {
            case INSTANT -> 24;
            case NUMBER, BOOL -> 12;
            case TEXT -> Math.min(60, 10 + column.weight * 8);
        };
    }

    /** Writes rows into the current sheet's entry, starting a new sheet (and entry) when one is full. */
    private static final class SheetWriter {

        private final Parts parts;
        private final XmlUtf8Writer xml;
        private final ExportContext context;
        private final ExportColumn.Kind[] kinds;
        private final String[] letters;
        private final ZonedClock clock;
        /** Per column: whether its values repeat enough to be shared strings. */
        private final boolean[] repeating;
        final XlsxSharedStrings strings = new XlsxSharedStrings();
        private int sheets;
        private int rowInSheet;
        private boolean open;

        SheetWriter(Parts parts, ExportContext context) {
            this.parts = parts;
            this.xml = parts.xml;
            this.context = context;
            var columns = context.columns();
            this.kinds = columns.stream().map(c -> c.kind).toArray(ExportColumn.Kind[]::new);
            this.letters = new String[columns.size()];
            for (int i = 0; i < letters.length; i++) {
                letters[i] = columnLetters(i);
            }
            this.clock = new ZonedClock(context.zone());
            this.repeating = new boolean[columns.size()];
            for (int i = 0; i < repeating.length; i++) {
                repeating[i] = REPEATING.contains(columns.get(i));
            }
        }

        void row(ClickHouseBinaryFormatReader row, int rowsPerSheet) throws IOException {
            if (!open || rowInSheet == rowsPerSheet) {
                next();
            }
            var r = String.valueOf(++rowInSheet + 1);
            xml.write("<row r=\"");
            xml.write(r);
            xml.write("\">");
            var skipped = false;
            for (int i = 0; i < kinds.length; i++) {
                Object value = row.readValue(i + 1);
                if (value == null) {
                    skipped = true;
                    continue;
                }
                // A cell's reference is optional while cells follow one another; only after an empty (skipped) one
                // must it say where it goes. References were ~15 of every ~65 bytes a cell takes in the sheet XML,
                // all of which the deflater then has to read.
                var letter = skipped ? letters[i] : null;
                skipped = false;
                switch (kinds[i]) {
                    case TEXT -> {
                        var text = CellText.capped(CellText.neutralise((String) value), CellText.XLSX_MAX_CHARS);
                        var shared = repeating[i] ? strings.index(text) : -1;
                        if (shared >= 0) {
                            shared(letter, r, shared);
                        } else {
                            text(letter, r, text, 0);
                        }
                    }
                    case INSTANT -> number(letter, r, Double.toString(clock.excelSerial(((Number) value).longValue())), DATE);
                    case NUMBER -> number(letter, r, value.toString(), 0);
                    case BOOL -> {
                        cellStart(letter, r, 0);
                        xml.write(" t=\"b\"><v>");
                        xml.write((Boolean) value ? '1' : '0');
                        xml.write("</v></c>");
                    }
                }
            }
            xml.write("</row>\n");
        }

        /** Ends the last sheet (or writes the only, empty one) and returns how many sheets there are. */
        int finish() throws IOException {
            if (!open) {
                next();
            }
            end();
            return sheets;
        }

        private void next() throws IOException {
            if (open) {
                end();
            }
            sheets++;
            rowInSheet = 0;
            open = true;
            parts.begin("xl/worksheets/sheet" + sheets + ".xml");
            xml.write(XML_HEAD);
            xml.write("<worksheet xmlns=\"" + MAIN_NS + "\"><sheetViews><sheetView workbookViewId=\"0\">"
                    + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                    + "<selection pane=\"bottomLeft\"/></sheetView></sheetViews><cols>");
            var columns = context.columns();
            for (int i = 0; i < columns.size(); i++) {
                xml.write("<col min=\"" + (i + 1) + "\" max=\"" + (i + 1) + "\" width=\"" + width(columns.get(i))
                        + "\" customWidth=\"1\"/>");
            }
            xml.write("</cols><sheetData>\n<row r=\"1\">");
            for (int i = 0; i < columns.size(); i++) {
                text(null, "1", columns.get(i).header(context.locale()), BOLD);
            }
            xml.write("</row>\n");
        }

        private void end() throws IOException {
            // the header row filters the sheet's rows; the range is known only now, and goes after the data
            xml.write("</sheetData><autoFilter ref=\"A1:");
            xml.write(letters[letters.length - 1]);
            xml.write(Integer.toString(rowInSheet + 1));
            xml.write("\"/></worksheet>");
            parts.end();
            open = false;
        }

        /** Opens a cell; {@code letter} null leaves its reference out (the cell after the previous one). */
        private void cellStart(String letter, String row, int style) throws IOException {
            xml.write("<c");
            if (letter != null) {
                xml.write(" r=\"");
                xml.write(letter);
                xml.write(row);
                xml.write('"');
            }
            if (style != 0) {
                xml.write(" s=\"");
                xml.write(Integer.toString(style));
                xml.write('"');
            }
        }

        private void number(String letter, String row, String value, int style) throws IOException {
            cellStart(letter, row, style);
            xml.write("><v>");
            xml.write(value);
            xml.write("</v></c>");
        }

        /** A cell that holds the index of its text in the shared strings. */
        private void shared(String letter, String row, int index) throws IOException {
            cellStart(letter, row, 0);
            xml.write(" t=\"s\"><v>");
            xml.write(Integer.toString(index));
            xml.write("</v></c>");
        }

        private void text(String letter, String row, String value, int style) throws IOException {
            cellStart(letter, row, style);
            xml.write(keepsSpaces(value) ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>");
            xml.text(value);
            xml.write("</t></is></c>");
        }

        /** A, B, ..., Z, AA, AB, ... for a zero-based column index. */
        private static String columnLetters(int index) {
            var sb = new StringBuilder();
            for (int n = index + 1; n > 0; n = (n - 1) / 26) {
                sb.insert(0, (char) ('A' + (n - 1) % 26));
            }
            return sb.toString();
        }
    }
}
