package io.rastro.export.pdf;

import org.junit.jupiter.api.Test;
import org.openpdf.text.Document;
import org.openpdf.text.PageSize;
import org.openpdf.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** How the PDF table wraps a cell's text to its column: every line fits, and no character is lost or moved. */
class PdfTableWrapTest {

    private static final float SIZE = PdfTableDrawer.SIZE;

    @Test
    void breaksAtSpacesAfterHyphensAndInsideWordsTooLongForTheColumn() throws Exception {
        var face = PdfFace.REGULAR;
        var font = face.font;
        var width = font.getWidthPoint("abcdefghij", SIZE);
        assertThat(PdfTableDrawer.wrap("short", width, face)).containsExactly("short");
        assertThat(PdfTableDrawer.wrap("", width, face)).isEmpty();
        assertThat(PdfTableDrawer.wrap("one two three", width, face)).containsExactly("one two", "three");
        // a hyphen is a place to break too: "2026-11-24" is wider than the column
        assertThat(PdfTableDrawer.wrap("2026-11-24 20:59", width, face)).containsExactly("2026-11-", "24 20:59");
        // no space: cut where the next letter would not fit (m and w are wide, so fewer of them fit)
        assertThat(PdfTableDrawer.wrap("abcdefghijklmnopqrstuvwxyz", width, face))
                .containsExactly("abcdefghij", "klmnopqr", "stuvwxyz");
        assertThat(PdfTableDrawer.wrap("line one\nline\r\ntwo", width * 3, face))
                .containsExactly("line one", "line", "", "two");
    }

    @Test
    void everyLineFitsAndTheTextIsKeptInOrder() throws Exception {
        var face = PdfFace.REGULAR;
        var font = face.font;
        var random = new Random(7);
        var alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ-_@.0123456789   çãé\n";
        for (int n = 0; n < 5_000; n++) {
            var sb = new StringBuilder();
            for (int i = random.nextInt(120); i > 0; i--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            var text = sb.toString();
            var width = 8 + random.nextFloat() * 80;
            var lines = PdfTableDrawer.wrap(text, width, face);
            for (var line : lines) {
                if (line.length() > 1) {
                    assertThat(font.getWidthPoint(line, SIZE)).as("'%s' in %s", line, text).isLessThanOrEqualTo(width + 0.01f);
                }
            }
            assertThat(String.join("", lines).replaceAll("\\s", "")).as(text).isEqualTo(text.replaceAll("\\s", ""));
        }
    }

    /** A cell taller than a page is cut (and marked), so that its row always fits on one page below the header. */
    @Test
    void noRowIsTallerThanAPage() throws Exception {
        var document = new Document(PageSize.A4.rotate(), 24, 24, 28, 36);
        var writer = PdfWriter.getInstance(document, new ByteArrayOutputStream());
        document.open();
        var headers = new String[] {"Text", "Status"};
        var drawer = new PdfTableDrawer(document, writer.getDirectContent(), headers, new float[] {50, 1},
                document.top());
        var page = document.top() - document.bottom();
        var tall = "word ".repeat(60).strip();
        assertThat(drawer.height(new String[] {"short", "READ"})).isLessThan(20);
        assertThat(drawer.height(new String[] {"short", tall})).isGreaterThan(page / 2).isLessThanOrEqualTo(page - 10);
    }
}
