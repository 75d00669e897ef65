package io.rastro.export.job;

import io.rastro.export.ExportColumn;
import io.rastro.export.ExportWords;
import io.rastro.report.FilterField;
import io.rastro.report.ReportFilter;

import java.util.Map;

/**
 * The filter a document was made with, in one line and in the document's language: each field as its
 * {@link FilterField} entry shows it, with the words (labels, and the values of a status, a direction, a content
 * type...) of {@link ExportWords}. The period is shown separately.
 */
final class FilterText {

    private FilterText() {
    }

    static String describe(ReportFilter f, Map<String, String> subaccountNames, ExportWords words) {
        return String.join("; ", FilterField.describe(f, new FilterField.FilterWords() {
            @Override
            public String word(String key) {
                return words.get(key);
            }

            @Override
            public String value(String column, String stored) {
                return words.value(ExportColumn.valueOf(column), stored);
            }

            @Override
            public String subaccount(String id) {
                var name = subaccountNames.get(id);
                return name == null || name.isEmpty() ? id : name + " (" + id + ")";
            }
        }));
    }
}
