package io.rastro.export.pdf;

import io.rastro.export.ExportColumn;

import java.util.ArrayList;
import java.util.List;

/**
 * Which columns a PDF table shows and how wide each is. A column's width comes from what its values are (its
 * {@link Shape}), and is never less than its header's longest word, so headers wrap only at spaces. Free text
 * takes what is left of the page. Columns are taken in the order asked for while they fit; those past that are
 * left out (the document names them) instead of being squeezed into slivers.
 *
 * @param columns  the columns shown, in order
 * @param widths   their widths in points
 * @param shapes   their shapes
 * @param leftOut  the asked-for columns that did not fit, in order
 */
record PdfLayout(List<ExportColumn> columns, float[] widths, Shape[] shapes, List<ExportColumn> leftOut) {

    /** The least room free text gets; a column that leaves less is left out. */
    static final float MIN_PROSE = 100;

    /** What a column's values look like on the page. */
    enum Shape {
        /** An identifier: one line, shortened in the middle. */
        ID(78),
        /** A code word from a short list (a status, a type): wraps at spaces. */
        CODE(48),
        /** A name or a short label (a campaign, an error title, a button): wraps at spaces. */
        NAME(62),
        /** A user: an e-mail address as often as not, one word that should not be cut. */
        USER(76),
        /** A phone number: up to 15 digits. */
        PHONE(56),
        /** Free text (a message): whatever width is left, at most three lines. */
        PROSE(MIN_PROSE),
        /** A local date and time, "2026-11-20 11:03:00": the width of one. */
        INSTANT(0),
        /** A number. */
        NUMBER(34),
        /** Yes or no. */
        BOOL(30);

        final float width;

        Shape(float width) {
            this.width = width;
        }

        static Shape of(ExportColumn column) {
            return switch (column) {
                case MESSAGE_ID, CORRELATION_ID, CONVERSATION_ID, IN_REPLY_TO_ID, CONTACT_WA_ID, CONTACT_BSUID,
                     SUBACCOUNT_ID, CAMPAIGN_ID, MEDIA_ID -> ID;
                case DIRECTION, STATUS, CONTENT_TYPE, CONVERSATION_TYPE, PRICING_CATEGORY, TEMPLATE_LANGUAGE,
                     PRICING_MODEL, PRICING_TYPE, FREE_REASON, MEDIA_MIME_TYPE -> CODE;
                case SUBACCOUNT_NAME, CAMPAIGN_NAME, TEMPLATE_NAME, ERROR_TITLE, BUTTON_PAYLOAD, BUTTON_TEXT,
                     REPLY_BUTTON_PAYLOAD, REPLY_BUTTON_TEXT, CONTACT_NAME -> NAME;
                case USER -> USER;
                case CONTACT_PHONE -> PHONE;
                case TEXT -> PROSE;
                case AT, STATUS_AT, DELIVERED_AT, READ_AT, CONVERSATION_EXPIRES_AT, REPLY_AT -> INSTANT;
                case ERROR_CODE, SECONDS_TO_REPLY -> NUMBER;
                case SENT_WITH_SESSION, BILLABLE -> BOOL;
            };
        }
    }

    /**
     * Lays out {@code asked} (with their headers in the document's language) across {@code available} points.
     *
     * @param pad room each cell leaves on either side of its text
     */
    static PdfLayout of(List<ExportColumn> asked, List<String> headers, float available, float size, float pad) {
        var shown = new ArrayList<ExportColumn>();
        var widths = new ArrayList<Float>();
        var leftOut = new ArrayList<ExportColumn>();
        float used = 0;
        for (int i = 0; i < asked.size(); i++) {
            var column = asked.get(i);
            var shape = Shape.of(column);
            var base = shape == Shape.INSTANT
                    ? PdfFace.REGULAR.widthPoint("2026-11-20 11:03:00", 0, 19, size) : shape.width;
            var width = Math.max(base, longestWord(headers.get(i), size)) + 2 * pad;
            if (!leftOut.isEmpty() || used + width > available + 0.01f) {
                leftOut.add(column);
                continue;
            }
            shown.add(column);
            widths.add(width);
            used += width;
        }
        var shapes = shown.stream().map(Shape::of).toArray(Shape[]::new);
        var spare = available - used;
        // what is left goes to free text; with none, to every column alike, so the table spans the page
        var prose = 0;
        for (var shape : shapes) {
            prose += shape == Shape.PROSE ? 1 : 0;
        }
        var out = new float[shown.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = widths.get(i);
            if (prose > 0) {
                out[i] += shapes[i] == Shape.PROSE ? spare / prose : 0;
            } else {
                out[i] += spare * widths.get(i) / used;
            }
        }
        return new PdfLayout(List.copyOf(shown), out, shapes, List.copyOf(leftOut));
    }

    /** A header's widest word in the bold face: the least a column may be, so no header word is broken. */
    private static float longestWord(String header, float size) {
        float widest = 0;
        for (var word : header.split("\\s+")) {
            widest = Math.max(widest, PdfFace.BOLD.widthPoint(word, 0, word.length(), size));
        }
        return widest;
    }
}
