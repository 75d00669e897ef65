package io.rastro.search;

import io.rastro.Clients;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers for the saved-search integration tests. The engine is shared by every test of the JVM, so names carry a
 * random suffix.
 */
final class Searches {

    private Searches() {
    }

    static String unique(String name) {
        var bytes = new byte[4];
        ThreadLocalRandom.current().nextBytes(bytes);
        return name + " " + HexFormat.of().formatHex(bytes);
    }

    static GraphQlTester.Response save(int port, String user, Map<String, Object> input) {
        return Clients.as(port, user).documentName("saveSearch").variable("input", input).execute();
    }

    /** Saves and returns the new id, failing unless a SavedSearch came back. */
    static String saved(int port, String user, Map<String, Object> input) {
        var response = save(port, user, input);
        response.path("saveSearch.__typename").entity(String.class).isEqualTo("SavedSearch");
        return response.path("saveSearch.id").entity(String.class).get();
    }

    static GraphQlTester.Response update(GraphQlTester tester, Map<String, Object> input) {
        return tester.documentName("updateSavedSearch").variable("input", input).execute();
    }

    static GraphQlTester.Response delete(GraphQlTester tester, String id) {
        return tester.documentName("deleteSavedSearch").variable("input", Map.of("id", id)).execute();
    }

    static GraphQlTester.Response get(GraphQlTester tester, String id) {
        return tester.documentName("savedSearch").variable("id", id).execute();
    }

    static void expectError(GraphQlTester.Response response, String classification) {
        response.errors().expect(e -> classification.equals(e.getErrorType().toString())).verify();
    }

    static void expectError(GraphQlTester.Response response, String classification, String field) {
        response.errors().expect(e -> classification.equals(e.getErrorType().toString())
                && field.equals(e.getExtensions().get("field"))).verify();
    }

    /**
     * A period of whole UTC days, {@code fromDaysAgo} to {@code toDaysAgo} before today. The demo data lies in the
     * 90 days before the service started, so a fixed date would leave it within a few weeks.
     */
    static Map<String, Object> daysBack(int fromDaysAgo, int toDaysAgo) {
        var today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        return Map.of("from", today.minus(fromDaysAgo, ChronoUnit.DAYS).toString(),
                "to", today.minus(toDaysAgo, ChronoUnit.DAYS).toString());
    }

    static Instant instant(String dateTime) {
        return OffsetDateTime.parse(dateTime).toInstant();
    }

    static void assertInvalid(GraphQlTester.Response response, String operation, String field) {
        response.path(operation + ".__typename").entity(String.class).isEqualTo("InvalidSearch");
        response.path(operation + ".field").entity(String.class).isEqualTo(field);
        response.path(operation + ".message").entity(String.class).satisfies(m -> assertThat(m).isNotBlank());
    }
}
