package io.rastro.export.pdf;

import org.junit.jupiter.api.Test;
import org.openpdf.text.Document;
import org.openpdf.text.PageSize;
import org.openpdf.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the PDF table fits a cell's text to its column: wrapped at spaces only, every line fits, at most three
 * lines with an ellipsis when text is left over, and identifiers shortened in the middle, keeping their end.
 */
class PdfTextTest {

    private static final float SIZE = PdfTableDrawer.SIZE;
    private static final PdfFace FACE = PdfFace.REGULAR;

    private static float width(String text) {
        return FACE.font.getWidthPoint(text, SIZE);
    }

    @Test
    void wrapsAtSpacesOnlyAndEllipsizesAfterTheLastLine() {
        var width = width("abcdefghij");
        assertThat(PdfText.wrap("short", width, FACE, SIZE, 3)).containsExactly("short");
        assertThat(PdfText.wrap("", width, FACE, SIZE, 3)).isEmpty();
        assertThat(PdfText.wrap("one two three", width, FACE, SIZE, 3)).containsExactly("one two", "three");
        // a date never breaks at its hyphens: it moves whole to the next line
        assertThat(PdfText.wrap("at 2026-11-24 20:59", width(" 2026-11-24 "), FACE, SIZE, 3))
                .containsExactly("at", "2026-11-24", "20:59");
        // a word wider than the column is shortened on its own line, never continued on the next
        assertThat(PdfText.wrap("abcdefghijklmnopqrstuvwxyz end", width, FACE, SIZE, 3))
                .containsExactly(PdfText.cutEnd("abcdefghijklmnopqrstuvwxyz", width, FACE, SIZE), "end");
        assertThat(PdfText.cutEnd("abcdefghijklmnopqrstuvwxyz", width, FACE, SIZE)).startsWith("abcdefg").endsWith("…");
        // line breaks and runs of spaces are one space
        assertThat(PdfText.wrap("line one\nline\r\n\ttwo", width * 3, FACE, SIZE, 3)).containsExactly("line one line two");
        // past three lines: the third ends in an ellipsis
        assertThat(PdfText.wrap("one two three four five six seven eight", width("three four"), FACE, SIZE, 3))
                .containsExactly("one two", "three four", "five six…");
    }

    @Test
    void everyLineFitsAndHoldsOnlyWholeWordsOfTheText() {
        var random = new Random(7);
        var alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ-_@.0123456789   çãé\n";
        for (int n = 0; n < 5_000; n++) {
            var sb = new StringBuilder();
            for (int i = random.nextInt(120); i > 0; i--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            var text = sb.toString();
            var width = 20 + random.nextFloat() * 80;
            var lines = PdfText.wrap(text, width, FACE, SIZE, 3);
            var words = new HashSet<>(Arrays.asList(text.strip().split("\\s+")));
            assertThat(lines.size()).isLessThanOrEqualTo(3);
            for (var line : lines) {
                assertThat(width(line)).as("'%s' in %s", line, text).isLessThanOrEqualTo(width + 0.01f);
                for (var word : line.strip().split("\\s+")) {
                    // a word is whole, or it is the start of one, shortened, ending in the ellipsis
                    var shortened = word.endsWith("…") && words.stream().anyMatch(w -> w.startsWith(word.substring(0, word.length() - 1)));
                    assertThat(words.contains(word) || shortened).as("'%s' of line '%s' in '%s'", word, line, text).isTrue();
                }
            }
            if (lines.size() < 3 && lines.stream().noneMatch(l -> l.contains("…"))) {
                assertThat(String.join(" ", lines).strip().split("\\s+")).as(text).isEqualTo(text.strip().split("\\s+"));
            }
        }
    }

    @Test
    void shortensIdentifiersInTheMiddleKeepingTheirEnd() {
        var id = "wamid.HBgM3F2A9C1D5E7B8A0F4C6D2E1B93E92";
        assertThat(PdfText.middle(id, width(id) + 1, FACE, SIZE)).isEqualTo(id);
        var room = width("wamid.HBg…B93E92") + 0.5f;
        var shown = PdfText.middle(id, room, FACE, SIZE);
        assertThat(shown).isEqualTo("wamid.HBg…B93E92");
        assertThat(width(shown)).isLessThanOrEqualTo(room);
        // so narrow that the end cannot be kept whole: less of it, never less of the start than of the end
        var narrow = PdfText.middle(id, width("wami…E92"), FACE, SIZE);
        assertThat(narrow).contains("…").startsWith("wam");
        assertThat(width(narrow)).isLessThanOrEqualTo(width("wami…E92") + 0.01f);
    }

    /** Data cells take at most three lines, so a row is always far shorter than a page; a header wraps as it needs. */
    @Test
    void aRowIsAtMostThreeLinesTall() throws Exception {
        var document = new Document(PageSize.A4.rotate(), 24, 24, 28, 36);
        var writer = PdfWriter.getInstance(document, new ByteArrayOutputStream());
        document.open();
        var drawer = new PdfTableDrawer(document, writer.getDirectContent(), new String[] {"Text", "Status"},
                new float[] {120, 60}, new boolean[] {false, false}, document.top());
        var one = drawer.height(new String[] {"short", "READ"});
        var tall = "word ".repeat(60).strip();
        assertThat(drawer.height(new String[] {tall, "READ"})).isCloseTo(one + 2 * (one - 2 * PdfTableDrawer.PAD),
                org.assertj.core.data.Offset.offset(0.01f));
    }
}
