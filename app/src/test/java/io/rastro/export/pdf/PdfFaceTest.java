package io.rastro.export.pdf;

import org.junit.jupiter.api.Test;
import org.openpdf.text.Document;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfWriter;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The table's own text writing and measuring give, character for character, what OpenPDF's would. */
class PdfFaceTest {

    @Test
    void everyCharacterIsWrittenAsOpenPdfWritesIt() throws Exception {
        var document = new Document(PageSize.A4.rotate());
        var writer = PdfWriter.getInstance(document, new ByteArrayOutputStream());
        document.open();
        for (var face : new PdfFace[] {PdfFace.REGULAR, PdfFace.BOLD}) {
            // every UTF-16 unit, 512 to a string, so that escapes and dropped characters meet their neighbours
            for (int from = 0; from <= Character.MAX_VALUE; from += 512) {
                var text = new StringBuilder();
                for (int c = from; c < from + 512; c++) {
                    text.append((char) c);
                }
                var theirs = new PdfContentByte(writer);
                theirs.setFontAndSize(face.font, 8);
                int start = theirs.getInternalBuffer().size();
                theirs.showText(text.toString());
                var expected = Arrays.copyOfRange(theirs.getInternalBuffer().toByteArray(), start,
                        theirs.getInternalBuffer().size());
                var ours = new PdfContentByte(writer);
                PdfFace.show(ours.getInternalBuffer(), text.toString(), 0, text.length(), false);
                assertThat(ours.getInternalBuffer().toByteArray()).as("characters from %04x", from).isEqualTo(expected);
            }
        }
        document.add(new Paragraph("checked"));
        document.close();
    }

    @Test
    void widthsAreOpenPdfsWidths() {
        var random = new Random(11);
        for (var face : new PdfFace[] {PdfFace.REGULAR, PdfFace.BOLD}) {
            for (int n = 0; n < 2_000; n++) {
                var text = new StringBuilder();
                for (int i = random.nextInt(60); i > 0; i--) {
                    // mostly Latin-1, sometimes anything: unmapped characters must measure as OpenPDF measures them
                    text.append((char) (random.nextInt(4) == 0 ? random.nextInt(Character.MAX_VALUE) : random.nextInt(256)));
                }
                var s = text.toString();
                assertThat(face.widthPoint(s, 0, s.length(), 6.5f)).as(s).isEqualTo(face.font.getWidthPoint(s, 6.5f));
            }
        }
    }

    /** Coordinates are written to the hundredth of a point, and read back as the number they were. */
    @Test
    void coordinatesAreWrittenToTheHundredth() {
        var random = new Random(13);
        for (int n = 0; n < 100_000; n++) {
            var value = n < 8 ? new float[] {0, 0.004f, -0.004f, 1, -1, 12.5f, 595.28f, -0.5f}[n]
                    : (random.nextFloat() - 0.3f) * 2_000;
            var buffer = PdfTableDrawer.number(new org.openpdf.text.pdf.ByteBuffer(), value);
            var text = buffer.toString();
            assertThat(text).as("%s", value).matches("-?(0|[1-9][0-9]*)(\\.[0-9]?[1-9])?");
            assertThat(Double.parseDouble(text)).as(text).isCloseTo(value, org.assertj.core.data.Offset.offset(0.0051));
        }
    }

    /** Read back from the file: brackets and backslashes survive, accents and the euro sign too, emoji are left out. */
    @Test
    void hostileCellTextReadsBackFromTheDrawnTable() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4.rotate(), 24, 24, 28, 36);
        var writer = PdfWriter.getInstance(document, bytes);
        document.open();
        var drawer = new PdfTableDrawer(document, writer.getDirectContent(), new String[] {"Text", "Status"},
                new float[] {600, 80}, new boolean[] {false, false}, document.top());
        drawer.row(new String[] {"a (b) \\c\\ ) ( Ação €5 naïve \uD83D\uDE00 end", "READ"}, false);
        drawer.row(new String[] {"second\trow", "FAILED"}, false);
        drawer.finish();
        document.close();
        var reader = new PdfReader(bytes.toByteArray());
        var text = new PdfTextExtractor(reader).getTextFromPage(1).replaceAll("\\s+", " ");
        reader.close();
        assertThat(text).contains("Text Status").contains("a (b) \\c\\ ) ( Ação €5 naïve end")
                .contains("READ").contains("second row").contains("FAILED").doesNotContain("\uD83D");
        assertThat(new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("\uD83D");
    }
}
