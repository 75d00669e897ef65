package io.rastro.report;

import io.rastro.domain.ContentType;
import io.rastro.domain.Direction;
import io.rastro.domain.WhatsAppErrors.ErrorClass;
import io.rastro.security.TenantScope;
import io.rastro.web.BadRequestException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The filter table is the whole of a field: the input record, the GraphQL contract and the table name the same
 * fields, and the table's entries drive the merge, the keeping and the SQL. The last tests are those of the field
 * added through the table alone, {@code errorClasses}; ReportCorrectnessTest checks it against independent SQL.
 */
class FilterFieldTest {

    @Test
    void theInputRecordAndTheTableNameTheSameFields() {
        var components = Arrays.stream(MessageFilterInput.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toSet());
        var fields = Arrays.stream(FilterField.values()).map(FilterField::inputName).collect(Collectors.toSet());
        assertThat(components).containsExactlyInAnyOrderElementsOf(plusPeriod(fields));
    }

    @Test
    void theGraphQlMessageFilterDeclaresExactlyTheTablesFields() throws IOException {
        String schema;
        try (var in = getClass().getResourceAsStream("/graphql/report.graphqls")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var body = schema.substring(schema.indexOf("input MessageFilter {"));
        body = body.substring(0, body.indexOf("\n}"));
        var declared = Pattern.compile("(?m)^    (\\w+):").matcher(body).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
        var fields = Arrays.stream(FilterField.values()).map(FilterField::inputName).collect(Collectors.toSet());
        assertThat(declared).containsExactlyInAnyOrderElementsOf(plusPeriod(fields));
    }

    @Test
    void theBuilderSetsEachFieldAndTheMergeKeepsWhatIsSetInline() {
        var period = new MessageFilterInput.PeriodInput(null, null);
        var inline = MessageFilterInput.builder().direction(Direction.MO).users(List.of("ana@acme.example")).build();
        var saved = MessageFilterInput.builder().period(period).direction(Direction.MT)
                .contentTypes(List.of(ContentType.TEXT)).with(FilterField.ERROR_CLASSES, List.of(ErrorClass.PERMANENT))
                .build();
        var merged = inline.over(saved);
        assertThat(merged.period()).isSameAs(period);
        assertThat(merged.direction()).isEqualTo(Direction.MO);
        assertThat(merged.users()).containsExactly("ana@acme.example");
        assertThat(merged.contentTypes()).containsExactly(ContentType.TEXT);
        assertThat(merged.errorClasses()).containsExactly(ErrorClass.PERMANENT);
        assertThat(MessageFilterInput.empty()).isEqualTo(MessageFilterInput.builder().build());
        for (var field : FilterField.values()) {
            assertThat(field.of(MessageFilterInput.empty())).as(field.inputName()).isNull();
        }
    }

    @Test
    void aSavedSearchKeepsEmptyListsAsUnsetAndTextStripped() {
        var kept = io.rastro.search.SearchRules.clean(MessageFilterInput.builder().errorCodes(List.of())
                .with(FilterField.ERROR_CLASSES, List.of()).correlationId("  c-1 ").contact(" ").build());
        assertThat(kept.errorCodes()).isNull();
        assertThat(kept.errorClasses()).isNull();
        assertThat(kept.correlationId()).isEqualTo("c-1");
        assertThat(kept.contact()).isEqualTo(" ");
    }

    @Test
    void theTenantConditionStaysFirstWhateverTheFields() {
        var values = new EnumMap<FilterField, Object>(FilterField.class);
        values.put(FilterField.DIRECTION, Direction.MT);
        values.put(FilterField.ERROR_CLASSES, Set.of(ErrorClass.PERMANENT));
        var filter = new ReportFilter(Instant.EPOCH, Instant.EPOCH.plusSeconds(60), values);
        var clause = MessageSql.where(filter, TenantScope.wholeAccount("acme")).clause();
        assertThat(clause).startsWith("account_id = {tenant_account:String}");
        assertThat(clause).contains("direction = {direction:String}")
                .contains("error_code != 0 AND transform(error_code, [");
    }

    @Test
    void errorClassesAreShownInSqlAsTheTableClassesTheirCodes() {
        var sql = io.rastro.domain.WhatsAppErrors.classSql("error_code");
        assertThat(sql).startsWith("transform(error_code, [1, 2, 4, 10, 100,").endsWith("], 'UNCLASSIFIED')")
                .contains("'PERMANENT'").contains("'RETRYABLE_LATER'").contains("'FIX_ON_YOUR_SIDE'");
    }

    @Test
    void errorClassesAreValidatedAsASet() {
        var context = new FilterField.Context("input.filter.errorClasses", MessageFilterInput.empty(), s -> true);
        assertThat(FilterField.ERROR_CLASSES.validate(null, context)).isEqualTo(Set.of());
        assertThat(FilterField.ERROR_CLASSES.validate(List.of(ErrorClass.UNCLASSIFIED, ErrorClass.UNCLASSIFIED),
                context)).isEqualTo(Set.of(ErrorClass.UNCLASSIFIED));
    }

    @Test
    void aConflictNamesTheFieldThatCannotBeCombined() {
        var input = MessageFilterInput.builder().campaigns(List.of("c")).withoutCampaign(true).build();
        var context = new FilterField.Context("input.filter.withoutCampaign", input, s -> true);
        assertThatThrownBy(() -> FilterField.WITHOUT_CAMPAIGN.validate(true, context))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("withoutCampaign cannot be combined with campaigns: give one or the other.");
    }

    private static Set<String> plusPeriod(Set<String> fields) {
        var all = new java.util.HashSet<>(fields);
        all.add("period");
        return all;
    }
}
