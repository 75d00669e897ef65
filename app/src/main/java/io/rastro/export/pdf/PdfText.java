package io.rastro.export.pdf;

import java.util.ArrayList;
import java.util.List;

/**
 * How a cell's text is fitted to its column, for people: never broken inside a word. Text wraps at spaces and
 * stops at a number of lines with an ellipsis; a word wider than the column is shortened with an ellipsis rather
 * than continued on the next line; an identifier stays on one line, shortened in the middle so that both its
 * start (the kind of id) and its end (what tells two ids apart) stay readable: {@code wamid.HBg…B93E92}.
 */
final class PdfText {

    static final char ELLIPSIS = '\u2026';
    /** The characters an identifier keeps at its end when shortened (Meta's ids differ at their end). */
    static final int ID_TAIL = 6;

    private PdfText() {
    }

    /**
     * The lines of {@code text} in a column {@code width} points wide: broken at spaces (line breaks and runs of
     * spaces count as one), at most {@code maxLines} of them, the last ending in an ellipsis when text is left
     * over.
     */
    static List<String> wrap(String text, float width, PdfFace face, float size, int maxLines) {
        var lines = new ArrayList<String>(2);
        if (text == null || text.isBlank()) {
            return lines;
        }
        if (isSingleLine(text) && face.widthPoint(text, 0, text.length(), size) <= width) {
            lines.add(text);
            return lines;
        }
        var words = text.strip().split("\\s+");
        var line = new StringBuilder();
        for (int w = 0; w < words.length; w++) {
            var word = words[w];
            if (word.isEmpty()) {
                continue;
            }
            if (!line.isEmpty() && fits(line + " " + word, width, face, size)) {
                line.append(' ').append(word);
                continue;
            }
            if (!line.isEmpty()) {
                if (lines.size() == maxLines - 1) {
                    // this is the last line there may be, and words are left over: say so
                    lines.add(withEllipsis(line.toString(), width, face, size));
                    return lines;
                }
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(fits(word, width, face, size) ? word : cutEnd(word, width, face, size));
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** An identifier on one line: whole when it fits, else its start, an ellipsis and its last characters. */
    static String middle(String id, float width, PdfFace face, float size) {
        if (id == null || id.isEmpty() || face.widthPoint(id, 0, id.length(), size) <= width) {
            return id;
        }
        var tail = Math.min(ID_TAIL, id.length() / 2);
        for (; tail > 0; tail--) {
            var end = id.substring(id.length() - tail);
            var room = width - face.widthPoint(ELLIPSIS + end, 0, end.length() + 1, size);
            var head = fitting(id, 0, room, face, size);
            // at least as much of the start as of the end, or the id's kind is lost: then keep less of the end
            if (head >= Math.min(tail, 3)) {
                return id.substring(0, head) + ELLIPSIS + end;
            }
        }
        return cutEnd(id, width, face, size);
    }

    /** A word cut where it stops fitting, with an ellipsis. */
    static String cutEnd(String word, float width, PdfFace face, float size) {
        var room = width - face.widthPoint(String.valueOf(ELLIPSIS), 0, 1, size);
        return word.substring(0, fitting(word, 0, room, face, size)) + ELLIPSIS;
    }

    /** A line with an ellipsis after it, dropping its last words (or letters, for a single word) until both fit. */
    private static String withEllipsis(String line, float width, PdfFace face, float size) {
        if (line.charAt(line.length() - 1) == ELLIPSIS) {
            return line; // it ends in a shortened word, which says so already
        }
        var shown = line;
        while (!fits(shown + ELLIPSIS, width, face, size)) {
            var space = shown.lastIndexOf(' ');
            if (space <= 0) {
                return cutEnd(shown, width, face, size);
            }
            shown = shown.substring(0, space);
        }
        return shown + ELLIPSIS;
    }

    /** How many characters of {@code text} from {@code from} fit in {@code room} points, never splitting a pair. */
    private static int fitting(String text, int from, float room, PdfFace face, float size) {
        float used = 0;
        int i = from;
        for (; i < text.length(); i++) {
            used += face.width(text.charAt(i)) * size / 1000f;
            if (used > room + 0.001f) {
                break;
            }
        }
        if (i > from && i < text.length() && Character.isHighSurrogate(text.charAt(i - 1))) {
            i--;
        }
        return i - from;
    }

    private static boolean fits(String text, float width, PdfFace face, float size) {
        return face.widthPoint(text, 0, text.length(), size) <= width + 0.001f;
    }

    private static boolean isSingleLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                return false;
            }
        }
        return true;
    }
}
