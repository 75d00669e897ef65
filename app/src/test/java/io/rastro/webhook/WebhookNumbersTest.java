package io.rastro.webhook;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.rastro.webhook.MetaBodies.*;
import static io.rastro.webhook.WebhookFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing: administrators register, list and remove numbers of their own account only; a number another account holds
 * is a CONFLICT; bodies for a number nobody holds are answered 200, kept, and replayed once it is registered.
 */
@IntegrationTest
class WebhookNumbersTest extends WebhookTestBase {

    static final String LIST = "{ whatsappNumbers { phoneNumberId wabaId subaccount displayPhoneNumber registeredBy unroutedWaiting } }";
    static final String REMOVE = "mutation($input: RemoveWhatsAppNumberInput!) { removeWhatsAppNumber(input: $input) { phoneNumberId } }";
    static final String REPLAY = "mutation($input: ReplayUnroutedWebhooksInput!) { replayUnroutedWebhooks(input: $input) { replayed remaining } }";

    static String freshNumber() {
        return "7" + ThreadLocalRandom.current().nextLong(10_000_000_000_000L, 99_999_999_999_999L);
    }

    static List<String> listed(GraphQlTester client) {
        return client.document(LIST).execute().path("whatsappNumbers[*].phoneNumberId").entityList(String.class).get();
    }

    static void error(GraphQlTester.Response response, String code, String field) {
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            ResponseError e = errors.getFirst();
            // an ApiException names its own code; a denial by method security has only the classification
            assertThat(e.getExtensions()).containsEntry(code.equals("FORBIDDEN") ? "classification" : "code", code);
            if (field != null) {
                assertThat(e.getExtensions()).containsEntry("field", field);
            }
        });
    }

    @Test
    void theDemoGivesAcmeAndGlobexANumberEach() {
        assertThat(listed(Clients.as(port, DemoIdentities.ANA))).contains(DemoNumbers.ACME.phoneNumberId())
                .doesNotContain(DemoNumbers.GLOBEX.phoneNumberId(), SALES_NUMBER);
        assertThat(listed(Clients.as(port, DemoIdentities.BRUNO))).contains(DemoNumbers.GLOBEX.phoneNumberId())
                .doesNotContain(DemoNumbers.ACME.phoneNumberId(), SALES_NUMBER);
    }

    @Test
    void anAdministratorRegistersListsMovesAndRemovesTheirOwnNumbers() {
        var number = freshNumber();
        var registered = register(admin(port), number, SALES).path("registerWhatsAppNumber.number").entity(Map.class).get();
        assertThat(registered).containsEntry("phoneNumberId", number).containsEntry("wabaId", WABA)
                .containsEntry("subaccount", SALES).containsEntry("registeredBy", ADMIN);
        assertThat(listed(admin(port))).contains(number, SALES_NUMBER, SUPPORT_NUMBER);
        // registering again moves it
        register(admin(port), number, SUPPORT).path("registerWhatsAppNumber.number.subaccount").entity(String.class)
                .isEqualTo(SUPPORT);
        var id = id("moved");
        assertThat(post(port, body(statuses(number, status(id, "sent", recent(4), "5511912340000")))).status()).isEqualTo(200);
        assertThat(count(store, "SELECT count() AS c FROM rastro.messages FINAL WHERE account_id = {a:String} "
                + "AND message_id = {id:String} AND subaccount_id = {s:String}", Map.of("a", ACCOUNT, "id", id, "s", SUPPORT)))
                .isEqualTo(1);

        admin(port).document(REMOVE).variable("input", Map.of("phoneNumberId", number)).execute()
                .path("removeWhatsAppNumber.phoneNumberId").entity(String.class).isEqualTo(number);
        assertThat(listed(admin(port))).doesNotContain(number);
        // from now on its webhooks are kept as unrouted, not stored in the account
        var after = id("after-removal");
        assertThat(post(port, body(statuses(number, status(after, "sent", recent(3), "5511912340000")))).body()
                .get("unrouted").intValue()).isEqualTo(1);
        assertThat(rows(store, after)).isZero();
    }

    @Test
    void aNumberHeldByAnotherAccountIsAConflictAndItsOwnerIsNotRevealed() {
        var response = register(Clients.as(port, DemoIdentities.BRUNO), SALES_NUMBER, "globex-retail");
        error(response, "CONFLICT", "input.phoneNumberId");
        response.errors().satisfy(e -> assertThat(e.getFirst().getMessage()).doesNotContain(ACCOUNT));
        assertThat(listed(admin(port))).contains(SALES_NUMBER);
        // nor can another account remove it or replay into itself what it receives
        error(Clients.as(port, DemoIdentities.BRUNO).document(REMOVE).variable("input", Map.of("phoneNumberId",
                SALES_NUMBER)).execute(), "NOT_FOUND", "input.phoneNumberId");
        error(Clients.as(port, DemoIdentities.BRUNO).document(REPLAY).variable("input", Map.of("phoneNumberId",
                SALES_NUMBER)).execute(), "NOT_FOUND", "input.phoneNumberId");
        assertThat(listed(admin(port))).contains(SALES_NUMBER);
    }

    @Test
    void onlyAdministratorsManageNumbers() {
        var number = freshNumber();
        for (var client : List.of(Clients.as(port, AGENT), Clients.graphQl(port, Clients.bearer(DemoIdentities.ACME_BI_TOKEN)))) {
            error(client.document(LIST).execute(), "FORBIDDEN", null);
            error(register(client, number, SUPPORT), "FORBIDDEN", null);
            error(client.document(REPLAY).variable("input", Map.of("phoneNumberId", SALES_NUMBER)).execute(),
                    "FORBIDDEN", null);
        }
        assertThat(listed(admin(port))).doesNotContain(number);
    }

    @Test
    void badInputIsABadRequestNamingTheField() {
        error(admin(port).document(REGISTER).variable("input", Map.of("phoneNumberId", "12ab", "wabaId", WABA,
                "subaccount", SALES)).execute(), "BAD_REQUEST", "input.phoneNumberId");
        error(admin(port).document(REGISTER).variable("input", Map.of("phoneNumberId", freshNumber(), "wabaId", "x y",
                "subaccount", SALES)).execute(), "BAD_REQUEST", "input.wabaId");
        error(admin(port).document(REGISTER).variable("input", Map.of("phoneNumberId", freshNumber(), "wabaId", WABA,
                "subaccount", "globex-retail")).execute(), "NOT_FOUND", "input.subaccount");
        error(admin(port).document(REMOVE).variable("input", Map.of("phoneNumberId", freshNumber())).execute(),
                "NOT_FOUND", "input.phoneNumberId");
    }

    @Test
    void unroutedBodiesAreKeptAndReplayedOnceTheNumberIsRegistered() {
        var number = freshNumber();
        var mt = id("unrouted-status");
        var mo = id("unrouted-reply");
        var contact = "5511" + ThreadLocalRandom.current().nextLong(900_000_000L, 999_999_999L);
        var statusBody = body(statuses(number, status(mt, "delivered", recent(15), contact)));
        var first = post(port, statusBody);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("unrouted").intValue()).isEqualTo(1);
        assertThat(post(port, statusBody).status()).isEqualTo(200); // Meta's retry: the same kept change
        assertThat(post(port, body(messages(number, contact("Ana", contact, null),
                buttonTap(mo, contact, recent(14), mt, "YES", "Sim")))).status()).isEqualTo(200);
        assertThat(rows(store, mt)).isZero();
        assertThat(rows(store, mo)).isZero();

        register(admin(port), number, SUPPORT).path("registerWhatsAppNumber.number.unroutedWaiting")
                .entity(Long.class).isEqualTo(2L);
        var replay = admin(port).document(REPLAY).variable("input", Map.of("phoneNumberId", number)).execute();
        replay.path("replayUnroutedWebhooks.replayed").entity(Long.class).isEqualTo(2L)
                .path("replayUnroutedWebhooks.remaining").entity(Long.class).isEqualTo(0L);
        assertThat(count(store, "SELECT count() AS c FROM rastro.messages FINAL WHERE account_id = {a:String} "
                + "AND message_id IN ({mt:String}, {mo:String}) AND subaccount_id = {s:String}",
                Map.of("a", ACCOUNT, "mt", mt, "mo", mo, "s", SUPPORT))).isEqualTo(2);
        assertThat(count(store, "SELECT count() AS c FROM rastro.messages FINAL WHERE account_id = {a:String} "
                + "AND message_id = {mo:String} AND reply_to_message_id = {mt:String}",
                Map.of("a", ACCOUNT, "mt", mt, "mo", mo))).isEqualTo(1);
        // replaying again has nothing left to do
        admin(port).document(REPLAY).variable("input", Map.of("phoneNumberId", number)).execute()
                .path("replayUnroutedWebhooks.replayed").entity(Long.class).isEqualTo(0L);
        assertThat(rows(store, mt)).isEqualTo(1);
    }
}
