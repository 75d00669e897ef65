package io.rastro.report;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, table-driven: each row is a document, its variables, the caller, and the classification and words
 * the error must carry. Nothing internal may leak (no SQL, no engine text, no stack trace).
 */
@IntegrationTest
class ReportErrorsTest {

    @LocalServerPort
    int port;

    static final Map<String, Object> PERIOD = Map.of("from", "2026-10-01T00:00:00Z", "to", "2026-10-31T00:00:00Z");

    static Map<String, Object> filter(Object... kv) {
        var f = new HashMap<String, Object>();
        f.put("period", PERIOD);
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                f.remove((String) kv[i]);
            } else {
                f.put((String) kv[i], kv[i + 1]);
            }
        }
        return f;
    }

    static Map<String, Object> input(Map<String, Object> filter, Object... kv) {
        var in = new HashMap<String, Object>();
        in.put("filter", filter);
        for (int i = 0; i < kv.length; i += 2) {
            in.put((String) kv[i], kv[i + 1]);
        }
        return in;
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("no period", "messagesTotal", input(filter("period", null)), DemoIdentities.ANA,
                        "BAD_REQUEST", "period is required"),
                Arguments.of("reversed period", "messagesTotal",
                        input(filter("period", Map.of("from", "2026-10-31T00:00:00Z", "to", "2026-10-01T00:00:00Z"))),
                        DemoIdentities.ANA, "BAD_REQUEST", "must be after"),
                Arguments.of("empty period", "messagesTotal",
                        input(filter("period", Map.of("from", "2026-10-01T00:00:00Z", "to", "2026-10-01T00:00:00Z"))),
                        DemoIdentities.ANA, "BAD_REQUEST", "empty or reversed"),
                Arguments.of("period too long", "messagesTotal",
                        input(filter("period", Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-10-01T00:00:00Z"))),
                        DemoIdentities.ANA, "BAD_REQUEST", "at most 93 days"),
                Arguments.of("page too large", "messagesTotal", input(filter(), "first", 501), DemoIdentities.ANA,
                        "BAD_REQUEST", "1 to 500"),
                Arguments.of("page of zero", "messagesTotal", input(filter(), "first", 0), DemoIdentities.ANA,
                        "BAD_REQUEST", "1 to 500"),
                Arguments.of("malformed cursor", "messagesTotal", input(filter(), "after", "not-a-cursor"),
                        DemoIdentities.ANA, "BAD_REQUEST", "cursor"),
                Arguments.of("forged cursor", "messagesTotal", input(filter(), "after", "YzE6YWJjOmlk"),
                        DemoIdentities.ANA, "BAD_REQUEST", "cursor"),
                Arguments.of("invalid phone", "messagesTotal", input(filter("contact", "+55 11 9abc-123")),
                        DemoIdentities.ANA, "BAD_REQUEST", "not a phone number"),
                Arguments.of("national phone without a country code", "messagesTotal",
                        input(filter("contact", "011 91234-5678")), DemoIdentities.ANA, "BAD_REQUEST", "no country code"),
                Arguments.of("too short phone", "messagesTotal", input(filter("contact", "12345")),
                        DemoIdentities.ANA, "BAD_REQUEST", "not a phone number"),
                // blank values were dropped in silence: campaigns: [""] matched everything
                Arguments.of("blank campaign", "messagesTotal", input(filter("campaigns", List.of(""))),
                        DemoIdentities.ANA, "BAD_REQUEST", "input.filter.campaigns holds a blank value"),
                Arguments.of("whitespace user", "messagesTotal", input(filter("users", List.of("carla@acme.example", "\t\n"))),
                        DemoIdentities.ANA, "BAD_REQUEST", "input.filter.users holds a blank value"),
                Arguments.of("blank subaccount", "counts", Map.of("filter", filter("subaccounts", List.of(" ")),
                        "groupBy", List.of()), DemoIdentities.ANA, "BAD_REQUEST", "input.filter.subaccounts holds a blank"),
                Arguments.of("blank correlation id", "messagesTotal", input(filter("correlationId", " ")),
                        DemoIdentities.ANA, "BAD_REQUEST", "input.filter.correlationId holds a blank value"),
                Arguments.of("blank conversation id", "conversations", input(filter("conversationId", "\n")),
                        DemoIdentities.ANA, "BAD_REQUEST", "input.filter.conversationId holds a blank value"),
                Arguments.of("blank contact", "messagesTotal", input(filter("contact", "  ")),
                        DemoIdentities.ANA, "BAD_REQUEST", "input.filter.contact holds a blank value"),
                Arguments.of("without campaign and campaigns", "messagesTotal",
                        input(filter("campaigns", List.of("cmp-acme-black-friday"), "withoutCampaign", true)),
                        DemoIdentities.ANA, "BAD_REQUEST", "withoutCampaign cannot be combined with campaigns"),
                Arguments.of("blank campaign in quick replies", "quickReplies",
                        Map.of("period", PERIOD, "campaigns", List.of("")), DemoIdentities.ANA, "BAD_REQUEST",
                        "input.campaigns holds a blank value"),
                // a NUL reached the engine and came back as INTERNAL_ERROR
                Arguments.of("NUL in users", "messagesTotal", input(filter("users", List.of("ana\u0000@acme.example"))),
                        DemoIdentities.ANA, "BAD_REQUEST", "input.filter.users holds a control character (U+0000)"),
                Arguments.of("NUL in campaigns", "counts", Map.of("filter", filter("campaigns", List.of("\u0000")),
                        "groupBy", List.of("STATUS")), DemoIdentities.ANA, "BAD_REQUEST",
                        "input.filter.campaigns holds a control character"),
                Arguments.of("NUL in a correlation id", "messagesTotal", input(filter("correlationId", "ord-\u0000")),
                        DemoIdentities.ANA, "BAD_REQUEST", "input.filter.correlationId holds a control character"),
                Arguments.of("NUL in an export's campaigns", "startExport", Map.of("format", "CSV",
                        "filter", filter("campaigns", List.of("x\u0000"))), DemoIdentities.ANA, "BAD_REQUEST",
                        "campaigns holds a control character"),
                Arguments.of("cursor far in the future", "messagesTotal", input(filter(), "after",
                        cursor("c1:9223372036854775807:wamid.X")), DemoIdentities.ANA, "BAD_REQUEST", "cursor"),
                Arguments.of("cursor far in the past", "conversations", input(filter(), "after",
                        cursor("c1:-99999999999999:wamid.X")), DemoIdentities.ANA, "BAD_REQUEST", "cursor"),
                Arguments.of("cursor with a NUL id", "messagesTotal", input(filter(), "after",
                        cursor("c1:1764000000000:wamid.\u0000")), DemoIdentities.ANA, "BAD_REQUEST", "cursor"),
                Arguments.of("period in year 10000", "messagesTotal", input(filter("period",
                        Map.of("from", "+10000-01-01T00:00:00Z", "to", "+10000-01-02T00:00:00Z"))),
                        DemoIdentities.ANA, "BAD_REQUEST", "The period must lie between"),
                Arguments.of("period in year 1000", "conversations", input(filter("period",
                        Map.of("from", "1000-01-01T00:00:00Z", "to", "1000-01-02T00:00:00Z"))),
                        DemoIdentities.ANA, "BAD_REQUEST", "The period must lie between"),
                Arguments.of("unknown status", "messagesTotal", input(filter("statuses", List.of("EXPLODED"))),
                        DemoIdentities.ANA, "ValidationError", "EXPLODED"),
                Arguments.of("unknown direction", "messagesTotal", input(filter("direction", "SIDEWAYS")),
                        DemoIdentities.ANA, "ValidationError", "SIDEWAYS"),
                Arguments.of("subaccount outside the caller's scope", "messagesTotal",
                        input(filter("subaccounts", List.of("acme-sales"))), DemoIdentities.CARLA, "FORBIDDEN",
                        "acme-sales"),
                Arguments.of("another tenant's subaccount", "messagesTotal",
                        input(filter("subaccounts", List.of("globex-retail"))), DemoIdentities.ANA, "FORBIDDEN",
                        "globex-retail"),
                Arguments.of("bad time zone", "counts",
                        Map.of("filter", filter(), "groupBy", List.of("STATUS"), "bucket", "DAY", "timeZone", "Mars/Olympus"),
                        DemoIdentities.ANA, "BAD_REQUEST", "IANA time zone"),
                // java.time knows these, the engine does not: refused here rather than failing in the engine
                Arguments.of("time zone as an offset", "counts",
                        Map.of("filter", filter(), "groupBy", List.of("STATUS"), "bucket", "DAY", "timeZone", "+05:00"),
                        DemoIdentities.ANA, "BAD_REQUEST", "Etc/GMT-5"),
                Arguments.of("java-only time zone", "counts",
                        Map.of("filter", filter(), "groupBy", List.of("STATUS"), "bucket", "DAY", "timeZone",
                                "SystemV/AST4"), DemoIdentities.ANA, "BAD_REQUEST", "IANA time zone"),
                Arguments.of("dimension twice", "counts",
                        Map.of("filter", filter(), "groupBy", List.of("STATUS", "STATUS")), DemoIdentities.ANA,
                        "BAD_REQUEST", "once"),
                Arguments.of("conversations page too large", "conversations", input(filter(), "first", 1000),
                        DemoIdentities.ANA, "BAD_REQUEST", "1 to 500"),
                Arguments.of("quick replies reversed period", "quickReplies",
                        Map.of("period", Map.of("from", "2026-10-31T00:00:00Z", "to", "2026-10-01T00:00:00Z")),
                        DemoIdentities.ANA, "BAD_REQUEST", "must be after"));
    }

    static String cursor(String raw) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A NUL in an id: message(id) names the field; looking up a saved search or export by it finds nothing. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"message, BAD_REQUEST", "savedSearch, NOT_FOUND", "exportJob, NOT_FOUND"})
    void aNulInAnIdIsAClearError(String document, String classification) {
        Clients.as(port, DemoIdentities.ANA).documentName(document).variable("id", "wamid.\u0000X").execute().errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getErrorType().toString()).as(errors.getFirst().getMessage())
                            .isEqualTo(classification);
                    assertThat(errors.getFirst().getMessage()).doesNotContain("engine");
                });
    }

    /** A saved search cannot keep a NUL, so none can break on every later use. */
    @Test
    void aSavedSearchCannotKeepANul() {
        var response = Clients.as(port, DemoIdentities.ANA).documentName("saveSearch").variable("input",
                Map.of("name", "nul " + System.nanoTime(), "filter", Map.of("users", List.of("a\u0000b")))).execute();
        var typename = response.path("saveSearch.__typename").entity(String.class).get();
        if (typename.equals("InvalidSearch")) {
            response.path("saveSearch.field").entity(String.class).isEqualTo("input.filter.users");
        } else {
            response.errors().satisfy(errors -> assertThat(errors).singleElement()
                    .satisfies(e -> assertThat(e.getErrorType().toString()).isEqualTo("BAD_REQUEST")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsAClearErrorNamingTheProblem(String name, String document, Map<String, Object> variables,
                                              String caller, String classification, String words) {
        // every operation takes one input object: the row's variables are that object
        Clients.as(port, caller).documentName(document).variable("input", variables).execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            var error = errors.getFirst();
            assertThat(error.getErrorType().toString()).as(error.getMessage()).isEqualTo(classification);
            assertThat(error.getMessage()).contains(words)
                    .doesNotContainIgnoringCase("select").doesNotContain("Exception").doesNotContain("rastro.");
        });
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "request {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3})
    void queriesDeeperOrLargerThanTheLimitsAreRefusedBeforeTheyRun(int attempt) {
        // repeated: a valid document is parsed and validated once and then cached, and the limits, which run at
        // execution, must refuse it every time
        Clients.as(port, DemoIdentities.ANA).documentName("tooDeep").execute().errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty()
                        .allSatisfy(e -> assertThat(e.getMessage()).containsIgnoringCase("depth")));
        Clients.as(port, DemoIdentities.ANA).documentName("deep").variable("input", input(filter(), "first", 1))
                .execute().errors().satisfy(errors -> assertThat(errors).isNotEmpty()
                        .allSatisfy(e -> assertThat(e.getMessage()).containsIgnoringCase("complexity")));
    }
}
