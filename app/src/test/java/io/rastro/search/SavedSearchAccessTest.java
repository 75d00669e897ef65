package io.rastro.search;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.report.MessageFilterInput;
import io.rastro.report.MessageFilterInput.PeriodInput;
import io.rastro.report.ReportRequests.MessagesInput;
import io.rastro.report.ReportService;
import io.rastro.search.SearchRequests.DeleteSavedSearchInput;
import io.rastro.search.SearchRequests.SaveSearchInput;
import io.rastro.search.SearchRequests.UpdateSavedSearchInput;
import io.rastro.security.ApiTokens;
import io.rastro.security.RastroPrincipal;
import io.rastro.web.ForbiddenException;
import io.rastro.web.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.rastro.search.Searches.expectError;
import static io.rastro.search.Searches.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tenant and owner isolation: who sees, uses, changes and deletes which saved search. */
@IntegrationTest
class SavedSearchAccessTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiTokens tokens;
    @Autowired
    SavedSearchService searches;
    @Autowired
    SavedSearchFilters filters;
    @Autowired
    ReportService reports;

    static Map<String, Object> use(String id) {
        return Map.of("savedSearchId", id, "filter", Map.of("period",
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z")));
    }

    List<String> listed(String user) {
        return Clients.as(port, user).documentName("savedSearches").execute()
                .path("savedSearches[*].id").entityList(String.class).get();
    }

    @Test
    void anotherTenantGetsNotFoundForEverything() {
        var name = unique("Acme shared");
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", name, "shared", true, "filter", Map.of()));
        var bruno = Clients.as(port, DemoIdentities.BRUNO);

        assertThat(listed(DemoIdentities.BRUNO)).doesNotContain(id);
        expectError(Searches.get(bruno, id), "NOT_FOUND", "id");
        expectError(bruno.documentName("savedSearchMessages").variable("input", use(id)).execute(),
                "NOT_FOUND", "input.savedSearchId");
        expectError(Searches.update(bruno, Map.of("id", id, "name", "mine now")), "NOT_FOUND", "input.id");
        expectError(Searches.delete(bruno, id), "NOT_FOUND", "input.id");
        Searches.get(bruno, id).errors().expect(e -> !e.getMessage().contains(name)).verify();

        Searches.get(Clients.as(port, DemoIdentities.ANA), id).path("savedSearch.name").entity(String.class).isEqualTo(name);
    }

    @Test
    void aPrivateSearchIsItsOwnersAndASharedOneIsEveryonesToUseNotToChange() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var carla = Clients.as(port, DemoIdentities.CARLA);
        var id = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("Ana's failures"),
                "filter", Map.of("statuses", List.of("FAILED"))));

        assertThat(listed(DemoIdentities.CARLA)).doesNotContain(id);
        expectError(Searches.get(carla, id), "NOT_FOUND", "id");
        expectError(carla.documentName("savedSearchMessages").variable("input", use(id)).execute(),
                "NOT_FOUND", "input.savedSearchId");
        expectError(Searches.update(carla, Map.of("id", id, "shared", true)), "NOT_FOUND", "input.id");
        expectError(Searches.delete(carla, id), "NOT_FOUND", "input.id");

        Searches.update(ana, Map.of("id", id, "shared", true)).path("updateSavedSearch.shared").entity(Boolean.class)
                .isEqualTo(true);

        assertThat(listed(DemoIdentities.CARLA)).contains(id);
        Searches.get(carla, id).path("savedSearch.owner").entity(String.class).isEqualTo(DemoIdentities.ANA)
                .path("savedSearch.editable").entity(Boolean.class).isEqualTo(false);
        carla.documentName("savedSearchMessages").variable("input", use(id)).execute()
                .path("messages.totalCount").entity(Long.class).satisfies(t -> assertThat(t).isNotNegative());
        expectError(Searches.update(carla, Map.of("id", id, "name", "hijacked")), "FORBIDDEN", "input.id");
        expectError(Searches.delete(carla, id), "FORBIDDEN", "input.id");
        Searches.get(ana, id).path("savedSearch.shared").entity(Boolean.class).isEqualTo(true);

        // private again: gone from carla's view on the next read
        Searches.update(ana, Map.of("id", id, "shared", false));
        assertThat(listed(DemoIdentities.CARLA)).doesNotContain(id);
    }

    @Test
    void anAdministratorMayTidyASharedSearchButCannotSeeAPrivateOne() {
        var ana = Clients.as(port, DemoIdentities.ANA);
        var carla = Clients.as(port, DemoIdentities.CARLA);
        var id = Searches.saved(port, DemoIdentities.CARLA, Map.of("name", unique("Carla's support view"),
                "filter", Map.of("subaccounts", List.of("acme-support"))));

        expectError(Searches.get(ana, id), "NOT_FOUND", "id");
        expectError(Searches.update(ana, Map.of("id", id, "name", "x")), "NOT_FOUND", "input.id");

        Searches.update(carla, Map.of("id", id, "shared", true));
        Searches.get(ana, id).path("savedSearch.editable").entity(Boolean.class).isEqualTo(true);
        var renamed = unique("Support view (tidied)");
        Searches.update(ana, Map.of("id", id, "name", renamed)).path("updateSavedSearch.owner").entity(String.class)
                .isEqualTo(DemoIdentities.CARLA);
        Searches.get(carla, id).path("savedSearch.name").entity(String.class).isEqualTo(renamed);
        Searches.delete(ana, id).path("deleteSavedSearch.id").entity(String.class).isEqualTo(id);
        assertThat(listed(DemoIdentities.CARLA)).doesNotContain(id);
    }

    @Test
    void tokensReadSharedSearchesButNeverWrite() {
        var shared = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("For the BI job"), "shared", true,
                "filter", Map.of("direction", "MO")));
        var own = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("Not for the BI job"), "filter", Map.of()));
        var week = Searches.daysBack(67, 60);
        var period = new PeriodInput(OffsetDateTime.parse((String) week.get("from")),
                OffsetDateTime.parse((String) week.get("to")));
        var inline = MessageFilterInput.builder().period(period).build();

        var bi = tokens.authenticate(DemoIdentities.ACME_BI_TOKEN).orElseThrow();
        as(bi, () -> {
            assertThat(searches.list()).extracting(SavedSearch::id).contains(shared).doesNotContain(own);
            assertThat(reports.messages(new MessagesInput(inline, shared, 1, null, null)).totalCount()).isPositive();
            assertThatThrownBy(() -> reports.messages(new MessagesInput(inline, own, 1, null, null)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> searches.save(new SaveSearchInput(unique("BI"), null, null,
                    MessageFilterInput.empty(), null, null, null))).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> searches.delete(new DeleteSavedSearchInput(shared)))
                    .isInstanceOf(ForbiddenException.class);
        });

        var ingest = tokens.authenticate(DemoIdentities.ACME_INGEST_TOKEN).orElseThrow();
        as(ingest, () -> {
            assertThatThrownBy(searches::list).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> searches.get(shared)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> searches.save(new SaveSearchInput(unique("I"), null, null,
                    MessageFilterInput.empty(), null, null, null))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> searches.update(new UpdateSavedSearchInput(shared, "x", null, null, null, null,
                    null, null, null))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> searches.delete(new DeleteSavedSearchInput(shared)))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> filters.resolve(shared, ingest)).isInstanceOf(ForbiddenException.class);
        });
        Searches.get(Clients.as(port, DemoIdentities.ANA), shared).path("savedSearch.id").entity(String.class)
                .isEqualTo(shared);
    }

    /** Runs as the principal a bearer token authenticates to, through the real method security. */
    private static void as(RastroPrincipal principal, Runnable work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.authorities()));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Over HTTP; see {@link #tokensReadSharedSearchesButNeverWrite()} for the same rules at the service. */
    @Test
    void tokensOverHttp() {
        var shared = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("For the BI job"), "shared", true,
                "filter", Map.of("direction", "MO")));
        var own = Searches.saved(port, DemoIdentities.ANA, Map.of("name", unique("Not for the BI job"), "filter", Map.of()));

        var bi = Clients.graphQl(port, Clients.bearer(DemoIdentities.ACME_BI_TOKEN));
        var biList = bi.documentName("savedSearches").execute().path("savedSearches[*].id").entityList(String.class).get();
        assertThat(biList).contains(shared).doesNotContain(own);
        bi.documentName("savedSearchMessages").variable("input", use(shared)).execute()
                .path("messages.totalCount").entity(Long.class).satisfies(t -> assertThat(t).isNotNegative());
        expectError(bi.documentName("saveSearch").variable("input", Map.of("name", unique("BI"), "filter", Map.of()))
                .execute(), "FORBIDDEN");
        expectError(Searches.delete(bi, shared), "FORBIDDEN");

        var ingest = Clients.graphQl(port, Clients.bearer(DemoIdentities.ACME_INGEST_TOKEN));
        expectError(ingest.documentName("savedSearches").execute(), "FORBIDDEN");
        expectError(Searches.get(ingest, shared), "FORBIDDEN");
        expectError(ingest.documentName("saveSearch").variable("input", Map.of("name", unique("I"), "filter", Map.of()))
                .execute(), "FORBIDDEN");
        expectError(Searches.update(ingest, Map.of("id", shared, "name", "x")), "FORBIDDEN");
        expectError(Searches.delete(ingest, shared), "FORBIDDEN");
        Searches.get(Clients.as(port, DemoIdentities.ANA), shared).path("savedSearch.id").entity(String.class)
                .isEqualTo(shared);
    }

    @Test
    void anonymousCallersGetHttp401() {
        var status = Clients.http(port, null).post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", "{ savedSearches { id name } }"))
                .exchange((request, response) -> response.getStatusCode());
        assertThat(status).isEqualTo(HttpStatusCode.valueOf(401));
        var mutation = Clients.http(port, null).post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", "mutation { deleteSavedSearch(input: {id: \"ss_1\"}) { id } }"))
                .exchange((request, response) -> response.getStatusCode());
        assertThat(mutation).isEqualTo(HttpStatusCode.valueOf(401));
    }
}
