package io.rastro.export.xlsx;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The sheet's UTF-8 writer gives the bytes the JDK's writers gave, escaping included. */
class XmlUtf8WriterTest {

    /** The escaping the XLSX writer did before, through an {@code OutputStreamWriter}. */
    private static String escapedTheOldWay(String s) {
        var sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '\r' -> "&#13;";
                case '\t', '\n' -> String.valueOf(c);
                default -> c < 0x20 || c == 0xFFFE || c == 0xFFFF ? "?" : String.valueOf(c);
            });
        }
        return sb.toString();
    }

    @Test
    void textAndMarkupAreTheBytesTheJdkWritersGave() throws Exception {
        var random = new Random(5);
        var ours = new ByteArrayOutputStream();
        var theirs = new ByteArrayOutputStream();
        var writer = new XmlUtf8Writer(ours);
        var reference = new OutputStreamWriter(theirs, StandardCharsets.UTF_8);
        for (int n = 0; n < 20_000; n++) {
            var sb = new StringBuilder();
            // long values now and then, so that multi-byte characters meet the end of the buffer
            for (int i = random.nextInt(n % 100 == 0 ? 70_000 : 40); i > 0; i--) {
                sb.append((char) switch (random.nextInt(6)) {
                    case 0 -> random.nextInt(0x80);                  // ASCII, controls and markup included
                    case 1 -> 0x80 + random.nextInt(0x780);          // two bytes
                    case 2 -> 0x800 + random.nextInt(0xF800);        // three bytes, lone surrogates, FFFE/FFFF
                    case 3 -> "<>&\r\n\t\"'".charAt(random.nextInt(8));
                    default -> 'a' + random.nextInt(26);
                });
                if (random.nextInt(20) == 0) {
                    sb.appendCodePoint(0x1F600 + random.nextInt(50)); // a surrogate pair: an emoji
                }
            }
            var value = sb.toString();
            if (n % 2 == 0) {
                writer.text(value);
                reference.write(escapedTheOldWay(value));
            } else {
                writer.write(value);
                reference.write(value);
            }
            writer.write('|');
            reference.write('|');
        }
        writer.flush();
        reference.flush();
        assertThat(ours.toByteArray()).isEqualTo(theirs.toByteArray());
    }

    @Test
    void examples() throws Exception {
        var out = new ByteArrayOutputStream();
        var writer = new XmlUtf8Writer(out);
        writer.text("a<b>&c\r\n\u0001ção \uD83D\uDE00 \uD83D x\uFFFE");
        writer.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a&lt;b&gt;&amp;c&#13;\n?ção \uD83D\uDE00 ? x?");
    }
}
