package io.rastro.export.xlsx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workbook's shared strings, for the columns whose values repeat (statuses, campaigns, users, templates...):
 * a cell then holds a number, {@code <c t="s"><v>7</v></c>}, instead of its text inline. Those columns are half a
 * row's cells, and their inline form was a third of the sheet XML, all of it deflated.
 *
 * <p>The table is bounded, so memory stays flat whatever the row count: once it holds {@link #MAX_ENTRIES}
 * strings (or {@link #MAX_CHARS} characters), new values are written inline and the ones already in it are still
 * shared. Long values are never shared: they rarely repeat.
 */
public final class XlsxSharedStrings {

    public static final int MAX_ENTRIES = 50_000;
    static final long MAX_CHARS = 4_000_000;
    public static final int MAX_VALUE_CHARS = 200;

    private final Map<String, Integer> indexes = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private long chars;
    private long references;

    /** The value's index in the table, adding it if there is room; -1 when it is to be written inline. */
    public int index(String value) {
        var known = indexes.get(value);
        if (known != null) {
            references++;
            return known;
        }
        if (value.length() > MAX_VALUE_CHARS || values.size() >= MAX_ENTRIES || chars + value.length() > MAX_CHARS) {
            return -1;
        }
        var index = values.size();
        indexes.put(value, index);
        values.add(value);
        chars += value.length();
        references++;
        return index;
    }

    public int size() {
        return values.size();
    }

    /** The {@code xl/sharedStrings.xml} part. */
    void write(XmlUtf8Writer xml) throws IOException {
        xml.write(XlsxExportWriter.XML_HEAD);
        xml.write("<sst xmlns=\"" + XlsxExportWriter.MAIN_NS + "\" count=\"" + references + "\" uniqueCount=\"" + values.size() + "\">");
        for (var value : values) {
            xml.write(XlsxExportWriter.keepsSpaces(value) ? "<si><t xml:space=\"preserve\">" : "<si><t>");
            xml.text(value);
            xml.write("</t></si>");
        }
        xml.write("</sst>");
    }
}
