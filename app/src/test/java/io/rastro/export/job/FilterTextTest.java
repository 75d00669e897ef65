package io.rastro.export.job;

import io.rastro.domain.WhatsAppErrors.ErrorClass;
import io.rastro.export.ExportLocale;
import io.rastro.export.ExportWords;
import io.rastro.report.FilterField;
import io.rastro.report.ReportFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The export's filter line: each field in words of the document's language, as its table entry shows it. */
class FilterTextTest {

    @Test
    void errorClassesAreShownWithTheirLabelInEachLanguage() {
        var values = new EnumMap<FilterField, Object>(FilterField.class);
        values.put(FilterField.ERROR_CLASSES, new LinkedHashSet<>(List.of(ErrorClass.PERMANENT,
                ErrorClass.RETRYABLE_LATER)));
        values.put(FilterField.SUBACCOUNTS, Set.of("acme-sales"));
        var filter = new ReportFilter(Instant.EPOCH, Instant.EPOCH.plusSeconds(1), values);
        var names = Map.of("acme-sales", "Sales");
        assertThat(FilterText.describe(filter, names, ExportWords.of(ExportLocale.EN)))
                .isEqualTo("subaccounts Sales (acme-sales); error classes PERMANENT, RETRYABLE_LATER");
        assertThat(FilterText.describe(filter, names, ExportWords.of(ExportLocale.ES)))
                .endsWith("; clases de error PERMANENT, RETRYABLE_LATER");
        assertThat(FilterText.describe(filter, names, ExportWords.of(ExportLocale.PT)))
                .endsWith("; classes de erro PERMANENT, RETRYABLE_LATER");
    }
}
