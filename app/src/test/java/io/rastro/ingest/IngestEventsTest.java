package io.rastro.ingest;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.security.ApiTokens;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.rastro.ingest.IngestFixtures.ACCOUNT;
import static io.rastro.ingest.IngestFixtures.INGEST_TOKEN;
import static io.rastro.ingest.IngestFixtures.id;
import static io.rastro.ingest.IngestFixtures.post;
import static io.rastro.ingest.IngestFixtures.recent;
import static org.assertj.core.api.Assertions.assertThat;

/** The ingestion rules end to end: order independence, idempotence, precedence, parking, tenant isolation. */
@IntegrationTest
class IngestEventsTest {

    static final String MESSAGE = """
            query Message($id: ID!) {
              message(id: $id) {
                __typename id status
                history { status at error { code title } }
                ... on SentMessage { statusAt deliveredAt readAt error { code title } contact { phone waId bsuid }
                                     conversation { id type expiresAt } }
                ... on ReceivedMessage { button { payload text } inReplyToId text }
              }
            }""";

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ApiTokens tokens;

    @BeforeEach
    void tenant() {
        IngestFixtures.ensure(store, tokens);
    }

    static String mt(String id, Instant at) {
        return """
                {"type":"mt","id":"%s","at":"%s","subaccount":"ti-sales","user":"ana@test-ingest.example",\
                "campaign":{"id":"cmp-ti-bf","name":"Black Friday"},"contentType":"TEMPLATE","text":"Oferta!",\
                "template":{"name":"black_friday_offer","language":"pt_BR"},\
                "contact":{"phone":"+55 11 91234-5678","waId":"5511912345678","bsuid":"BR.1234567"},\
                "sentWithSession":false,"correlationId":"ord-1","conversation":{"id":"conv-%s","type":"BUSINESS_INITIATED"},\
                "pricingCategory":"marketing"}""".formatted(id, at, id);
    }

    static String status(String id, String status, Instant at) {
        return """
                {"type":"status","id":"%s","status":"%s","at":"%s"}""".formatted(id, status, at);
    }

    static String failed(String id, Instant at, int code, String title) {
        return """
                {"type":"status","id":"%s","status":"FAILED","at":"%s","error":{"code":%d,"title":"%s"}}"""
                .formatted(id, at, code, title);
    }

    static String tap(String id, String replyTo, Instant at) {
        return """
                {"type":"mo","id":"%s","at":"%s","subaccount":"ti-sales","user":null,\
                "campaign":{"id":"cmp-ti-bf","name":"Black Friday"},"contentType":"BUTTON","text":"Quero o desconto",\
                "contact":{"phone":"+55 11 91234-5678","waId":"5511912345678"},\
                "button":{"payload":"BF_YES","text":"Quero o desconto"},"replyTo":"%s",\
                "conversation":{"id":"conv-%s","type":"BUSINESS_INITIATED"}}""".formatted(id, at, replyTo, replyTo);
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    record Current(String status, Instant statusAt, Instant sentAt, Instant deliveredAt, Instant readAt,
                   Instant failedAt, long errorCode, String errorTitle, Instant ingestedAt, long version) {
    }

    Current current(String id) {
        var rows = store.query(Sql.of("""
                SELECT status, status_at, sent_at, delivered_at, read_at, failed_at, error_code, error_title,
                       ingested_at, version
                FROM rastro.messages FINAL WHERE account_id = {a:String} AND message_id = {id:String}""")
                .bind("a", ACCOUNT).bind("id", id), r -> new Current(r.getString("status"), r.getInstant("status_at"),
                r.hasValue("sent_at") ? r.getInstant("sent_at") : null,
                r.hasValue("delivered_at") ? r.getInstant("delivered_at") : null,
                r.hasValue("read_at") ? r.getInstant("read_at") : null,
                r.hasValue("failed_at") ? r.getInstant("failed_at") : null,
                r.getLong("error_code"), r.getString("error_title"), r.getInstant("ingested_at"), r.getLong("version")));
        assertThat(rows).as("current rows of %s", id).hasSize(1);
        return rows.getFirst();
    }

    @Test
    void outOfOrderDuplicatedEventsConvergeToTheRightRowAndHistory() {
        var mt = id("converge");
        var mo = id("converge-reply");
        var at = recent(120);
        var sent = at.plusSeconds(2);
        var delivered = at.plusSeconds(5);
        var read = at.plusSeconds(60);
        var events = new ArrayList<>(List.of(status(mt, "READ", read), status(mt, "DELIVERED", delivered),
                mt(mt, at), status(mt, "SENT", sent), tap(mo, mt, read.plusSeconds(30)),
                status(mt, "READ", read), status(mt, "DELIVERED", delivered), mt(mt, at)));
        Collections.shuffle(events, new Random(7));
        var response = post(port, INGEST_TOKEN, lines(events.toArray(String[]::new)));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        assertThat(response.body().get("accepted").asLong()).isEqualTo(8);
        assertThat(response.body().get("rejected").size()).isZero();

        var row = current(mt);
        assertThat(row.status()).isEqualTo("READ");
        assertThat(row.statusAt()).isEqualTo(read);
        assertThat(row.sentAt()).isEqualTo(sent);
        assertThat(row.deliveredAt()).isEqualTo(delivered);
        assertThat(row.readAt()).isEqualTo(read);
        assertThat(row.errorCode()).isZero();
        assertThat(row.version()).isPositive();
        assertThat(IngestFixtures.steps(store, mt)).isEqualTo(4);

        var gql = Clients.as(port, IngestFixtures.ADMIN);
        var message = gql.document(MESSAGE).variable("id", mt).execute();
        message.path("message.__typename").entity(String.class).isEqualTo("SentMessage");
        message.path("message.status").entity(String.class).isEqualTo("READ");
        message.path("message.readAt").entity(Instant.class).isEqualTo(read);
        message.path("message.deliveredAt").entity(Instant.class).isEqualTo(delivered);
        message.path("message.history[*].status").entityList(String.class)
                .containsExactly("ACCEPTED", "SENT", "DELIVERED", "READ");
        message.path("message.contact.phone").entity(String.class).isEqualTo("5511912345678");
        message.path("message.conversation.expiresAt").entity(Instant.class).isEqualTo(at.plusSeconds(24 * 3600));

        var reply = gql.document(MESSAGE).variable("id", mo).execute();
        reply.path("message.__typename").entity(String.class).isEqualTo("ReceivedMessage");
        reply.path("message.status").entity(String.class).isEqualTo("RECEIVED");
        reply.path("message.button.payload").entity(String.class).isEqualTo("BF_YES");
        reply.path("message.inReplyToId").entity(String.class).isEqualTo(mt);
        reply.path("message.history[*].status").entityList(String.class).containsExactly("RECEIVED");
    }
}
