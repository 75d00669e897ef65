package io.rastro.search;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.rastro.search.Searches.assertInvalid;
import static io.rastro.search.Searches.instant;
import static io.rastro.search.Searches.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Saving, reading, updating and deleting saved searches, and the input they refuse. */
@IntegrationTest
class SavedSearchLifecycleTest {

    @LocalServerPort
    int port;

    @Test
    void savesEveryFieldAndReadsItBack() {
        var name = unique("Black Friday failures");
        var before = Instant.now();
        var response = Searches.save(port, DemoIdentities.ANA, Map.of(
                "name", "  " + name + "  ",
                "description", "Every failed send of the campaign, weekly",
                "filter", Map.of("direction", "MT", "campaigns", List.of("cmp-acme-black-friday"),
                        "statuses", List.of("FAILED"), "errorCodes", List.of(131026), "contact", "+55 11 91234-5678",
                        "subaccounts", List.of()),
                "relativePeriod", Map.of("range", "LAST_7_DAYS", "timeZone", "America/Sao_Paulo"),
                "columns", List.of("id", "status", "contact.phone"),
                "sort", "OLDEST_FIRST"));
        response.path("saveSearch.__typename").entity(String.class).isEqualTo("SavedSearch");
        var id = response.path("saveSearch.id").entity(String.class).get();
        assertThat(id).startsWith("ss_");

        var read = Searches.get(Clients.as(port, DemoIdentities.ANA), id);
        read.path("savedSearch.name").entity(String.class).isEqualTo(name);
        read.path("savedSearch.description").entity(String.class).isEqualTo("Every failed send of the campaign, weekly");
        read.path("savedSearch.owner").entity(String.class).isEqualTo(DemoIdentities.ANA);
        read.path("savedSearch.shared").entity(Boolean.class).isEqualTo(false);
        read.path("savedSearch.editable").entity(Boolean.class).isEqualTo(true);
        read.path("savedSearch.columns").entityList(String.class).containsExactly("id", "status", "contact.phone");
        read.path("savedSearch.sort").entity(String.class).isEqualTo("OLDEST_FIRST");
        read.path("savedSearch.filter.direction").entity(String.class).isEqualTo("MT");
        read.path("savedSearch.filter.campaigns").entityList(String.class).containsExactly("cmp-acme-black-friday");
        read.path("savedSearch.filter.statuses").entityList(String.class).containsExactly("FAILED");
        read.path("savedSearch.filter.errorCodes").entityList(Integer.class).containsExactly(131026);
        read.path("savedSearch.filter.contact").entity(String.class).isEqualTo("+55 11 91234-5678");
        // an empty list restricts nothing, like an absent one
        read.path("savedSearch.filter.subaccounts").valueIsNull();
        read.path("savedSearch.filter.users").valueIsNull();
        read.path("savedSearch.period.kind").entity(String.class).isEqualTo("RELATIVE");
        read.path("savedSearch.period.relative").entity(String.class).isEqualTo("LAST_7_DAYS");
        read.path("savedSearch.period.timeZone").entity(String.class).isEqualTo("America/Sao_Paulo");
        var from = instant(read.path("savedSearch.period.from").entity(String.class).get());
        var to = instant(read.path("savedSearch.period.to").entity(String.class).get());
        assertThat(to).isBetween(before.minusMillis(1), Instant.now());
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(7)); // São Paulo has no DST any more

        Clients.as(port, DemoIdentities.ANA).documentName("savedSearches").execute()
                .path("savedSearches[?(@.id == '" + id + "')].name").entityList(String.class).containsExactly(name);
    }

    @Test
    void aPeriodInTheFilterIsKeptAbsolute() {
        var response = Searches.save(port, DemoIdentities.ANA, Map.of("name", unique("November week"),
                "filter", Map.of("period", Map.of("from", "2026-11-02T00:00:00-03:00", "to", "2026-11-09T00:00:00-03:00"))));
        response.path("saveSearch.period.kind").entity(String.class).isEqualTo("ABSOLUTE");
        response.path("saveSearch.period.relative").valueIsNull();
        response.path("saveSearch.period.timeZone").valueIsNull();
        response.path("saveSearch.period.from").entity(String.class)
                .satisfies(v -> assertThat(instant(v)).isEqualTo(Instant.parse("2026-11-02T03:00:00Z")));
        response.path("saveSearch.period.to").entity(String.class)
                .satisfies(v -> assertThat(instant(v)).isEqualTo(Instant.parse("2026-11-09T03:00:00Z")));
    }

    @Test
    void anUpdateIsVisibleToTheVeryNextRead() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var name = unique("Sales last week");
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", name, "description", "kept",
                "filter", Map.of("subaccounts", List.of("acme-sales")), "columns", List.of("id"),
                "relativePeriod", Map.of("range", "LAST_WEEK")));
        var created = Searches.get(ana, id).path("savedSearch.createdAt").entity(String.class).get();

        var renamed = unique("Sales and support last week");
        var updated = Searches.update(ana, Map.of("id", id, "name", renamed, "shared", true,
                "filter", Map.of("subaccounts", List.of("acme-sales", "acme-support"), "direction", "MO")));
        updated.path("updateSavedSearch.__typename").entity(String.class).isEqualTo("SavedSearch");

        var read = Searches.get(ana, id);
        read.path("savedSearch.name").entity(String.class).isEqualTo(renamed);
        read.path("savedSearch.shared").entity(Boolean.class).isEqualTo(true);
        read.path("savedSearch.filter.subaccounts").entityList(String.class).containsExactly("acme-sales", "acme-support");
        read.path("savedSearch.filter.direction").entity(String.class).isEqualTo("MO");
        // left out: unchanged
        read.path("savedSearch.description").entity(String.class).isEqualTo("kept");
        read.path("savedSearch.columns").entityList(String.class).containsExactly("id");
        read.path("savedSearch.period.relative").entity(String.class).isEqualTo("LAST_WEEK");
        read.path("savedSearch.period.timeZone").entity(String.class).isEqualTo("UTC");
        read.path("savedSearch.createdAt").entity(String.class).isEqualTo(created);
        read.path("savedSearch.updatedAt").entity(String.class)
                .satisfies(u -> assertThat(instant(u)).isAfterOrEqualTo(instant(created)));
        var names = ana.documentName("savedSearches").execute().path("savedSearches[*].name").entityList(String.class).get();
        assertThat(names).contains(renamed).doesNotContain(name);

        // the period: relative -> none -> absolute; "" removes the description
        Searches.update(ana, Map.of("id", id, "removePeriod", true, "description", ""))
                .path("updateSavedSearch.period").valueIsNull();
        Searches.get(ana, id).path("savedSearch.period").valueIsNull().path("savedSearch.description").valueIsNull();
        Searches.update(ana, Map.of("id", id, "filter", Map.of("period",
                        Map.of("from", "2026-10-01T00:00:00Z", "to", "2026-10-08T00:00:00Z"))))
                .path("updateSavedSearch.period.kind").entity(String.class).isEqualTo("ABSOLUTE");
        Searches.get(ana, id).path("savedSearch.period.kind").entity(String.class).isEqualTo("ABSOLUTE")
                .path("savedSearch.filter.subaccounts").valueIsNull();
    }

    @Test
    void aDeletionIsVisibleToTheVeryNextList() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var name = unique("Short-lived");
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", name, "filter", Map.of()));
        assertThat(ana.documentName("savedSearches").execute().path("savedSearches[*].id").entityList(String.class).get())
                .contains(id);

        Searches.delete(ana, id).path("deleteSavedSearch.id").entity(String.class).isEqualTo(id);

        assertThat(ana.documentName("savedSearches").execute().path("savedSearches[*].id").entityList(String.class).get())
                .doesNotContain(id);
        Searches.expectError(Searches.get(ana, id), "NOT_FOUND", "id");
        Searches.expectError(Searches.delete(ana, id), "NOT_FOUND", "input.id");
        Searches.expectError(Searches.update(ana, Map.of("id", id, "name", "back")), "NOT_FOUND", "input.id");
        // the name is free again
        Searches.saved(port, DemoIdentities.ANA, Map.of("name", name, "filter", Map.of()));
    }

    @Test
    void namesAreUniquePerOwnerIgnoringCase() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var name = unique("Weekly Failures");
        var first = Searches.saved(port, DemoIdentities.ANA, Map.of("name", name, "filter", Map.of()));

        var again = Searches.save(port, DemoIdentities.ANA, Map.of("name", name.toUpperCase(), "filter", Map.of()));
        again.path("saveSearch.__typename").entity(String.class).isEqualTo("NameTaken");
        again.path("saveSearch.existingId").entity(String.class).isEqualTo(first);
        again.path("saveSearch.name").entity(String.class).isEqualTo(name.toUpperCase());

        // another owner may use the name
        Searches.saved(port, DemoIdentities.CARLA, Map.of("name", name, "filter", Map.of()));

        // renaming another search to it is refused, renaming a search to itself in other case is not
        var second = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("Other"), "filter", Map.of()));
        Searches.update(ana, Map.of("id", second, "name", name.toLowerCase()))
                .path("updateSavedSearch.__typename").entity(String.class).isEqualTo("NameTaken");
        Searches.update(ana, Map.of("id", first, "name", name.toLowerCase()))
                .path("updateSavedSearch.name").entity(String.class).isEqualTo(name.toLowerCase());

        var mine = ana.documentName("savedSearches").execute().path("savedSearches").entityList(Map.class).get();
        assertThat(mine.stream().filter(s -> name.equalsIgnoreCase((String) s.get("name")))).hasSize(1);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var marker = unique("Refused");
        var cases = Map.<String, Map<String, Object>>of(
                "input.name", Map.of("name", " ", "filter", Map.of()),
                "input.description", Map.of("name", marker, "description", "x".repeat(501), "filter", Map.of()),
                "input.columns", Map.of("name", marker, "columns", List.of("id", "id"), "filter", Map.of()),
                "input.filter.contact", Map.of("name", marker, "filter", Map.of("contact", "12ab")),
                "input.filter.period", Map.of("name", marker, "filter", Map.of("period",
                        Map.of("from", "2026-11-09T00:00:00Z", "to", "2026-11-02T00:00:00Z"))),
                "input.filter.campaigns", Map.of("name", marker, "filter", Map.of("campaigns", List.of("cmp-nope"))),
                "input.filter.subaccounts", Map.of("name", marker, "filter", Map.of("subaccounts", List.of("acme-nope"))),
                "input.relativePeriod", Map.of("name", marker, "relativePeriod", Map.of("range", "TODAY"),
                        "filter", Map.of("period", Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-09T00:00:00Z"))),
                "input.relativePeriod.timeZone", Map.of("name", marker, "filter", Map.of(),
                        "relativePeriod", Map.of("range", "TODAY", "timeZone", "Mars/Olympus_Mons")));
        // an offset is refused here as in reports and exports: one rule for every zone a request names
        assertInvalid(Searches.save(port, DemoIdentities.ANA, Map.of("name", marker, "filter", Map.of(),
                "relativePeriod", Map.of("range", "TODAY", "timeZone", "+05:00"))), "saveSearch",
                "input.relativePeriod.timeZone");
        cases.forEach((field, input) -> assertInvalid(Searches.save(port, DemoIdentities.ANA, input), "saveSearch", field));
        assertInvalid(Searches.save(port, DemoIdentities.ANA, Map.of("name", "n".repeat(101), "filter", Map.of())),
                "saveSearch", "input.name");

        // the sort is a MessageSort: anything else is refused before it runs
        Searches.save(port, DemoIdentities.ANA, Map.of("name", marker, "filter", Map.of(), "sort", "SIDEWAYS"))
                .errors().expect(e -> e.getMessage().contains("SIDEWAYS")).verify();

        var names = ana.documentName("savedSearches").execute().path("savedSearches[*].name").entityList(String.class).get();
        assertThat(names).doesNotContain(marker);

        // an update that fails changes nothing
        var name = unique("Stays as it was");
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", name, "filter", Map.of("statuses", List.of("READ"))));
        var input = new HashMap<String, Object>(Map.of("id", id, "name", unique("Renamed"), "shared", true,
                "filter", Map.of("contact", "not a phone")));
        assertInvalid(Searches.update(ana, input), "updateSavedSearch", "input.filter.contact");
        assertInvalid(Searches.update(ana, Map.of("id", id, "removePeriod", true,
                "relativePeriod", Map.of("range", "TODAY"))), "updateSavedSearch", "input.removePeriod");
        Searches.get(ana, id).path("savedSearch.name").entity(String.class).isEqualTo(name)
                .path("savedSearch.shared").entity(Boolean.class).isEqualTo(false)
                .path("savedSearch.filter.statuses").entityList(String.class).containsExactly("READ");
    }
}
