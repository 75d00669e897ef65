package io.rastro.ingest;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.store.Sql;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
class IngestEventsTest extends IngestTestBase {

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
        return current(store, id);
    }

    static Current current(io.rastro.store.Store store, String id) {
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

    /**
     * quickReplyClicks counts contacts by their key, the BSUID or else the phone: two contacts known only by their
     * BSUID are two contacts, not one contact with no phone.
     */
    @Test
    void quickReplyContactsAreCountedByBsuidOrElsePhone() {
        var campaign = "cmp-" + id("contacts");
        var at = recent(90);
        var contacts = List.of(
                "{\"bsuid\":\"BR.1000001\"}", "{\"bsuid\":\"BR.1000001\"}", "{\"bsuid\":\"BR.1000002\"}",
                "{\"phone\":\"+55 11 93333-0001\"}", "{\"phone\":\"+55 11 93333-0002\",\"bsuid\":\"BR.1000003\"}");
        var lines = new ArrayList<String>();
        for (int i = 0; i < contacts.size(); i++) {
            lines.add(tap(id("contacts-" + i), id("contacts-mt"), at.plusSeconds(i))
                    .replace("\"cmp-ti-bf\"", "\"" + campaign + "\"")
                    .replace("{\"phone\":\"+55 11 91234-5678\",\"waId\":\"5511912345678\"}", contacts.get(i)));
        }
        assertThat(post(port, INGEST_TOKEN, lines(lines.toArray(String[]::new))).status()).isEqualTo(200);
        var clicks = Clients.as(port, IngestFixtures.ADMIN).documentName("quickReplies")
                .variable("input", Map.of("period", Map.of("from", at.minusSeconds(60).toString(),
                        "to", at.plusSeconds(60).toString()), "campaigns", List.of(campaign))).execute();
        clicks.path("quickReplyClicks[*].count").entityList(Long.class).containsExactly(5L);
        // BR.1000001, BR.1000002, the phone-only contact and BR.1000003 (which also has a phone)
        clicks.path("quickReplyClicks[*].contacts").entityList(Long.class).containsExactly(4L);
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
        assertThat(response.body().get("rejectedTotal").asLong()).isZero();
        assertThat(response.body().has("message")).isFalse();

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

    /** The reply state of an MT row (migration 015): reply_count and the payloads tapped, and the filters on them. */
    private List<Object> replyState(String id) {
        return store.query(Sql.of("SELECT reply_count, reply_payloads FROM rastro.messages FINAL WHERE account_id = "
                + "{a:String} AND message_id = {id:String}").bind("a", ACCOUNT).bind("id", id),
                r -> List.<Object>of(r.getLong("reply_count"), r.getList("reply_payloads"))).getFirst();
    }

    private List<String> repliedIds(Map<String, Object> filter, Instant from) {
        var f = new java.util.HashMap<String, Object>(filter);
        f.put("period", Map.of("from", from.toString(), "to", from.plusSeconds(3600).toString()));
        f.put("direction", "MT");
        return Clients.as(port, IngestFixtures.ADMIN).document("query($input: MessagesInput!) { messages(input: $input) "
                + "{ edges { node { id } } } }").variable("input", Map.of("filter", f, "first", 100)).execute()
                .path("messages.edges[*].node.id").entityList(String.class).get();
    }

    /**
     * A reply counts on the message it answers however the two arrive: in one batch, the reply in a later batch
     * (the answered row is recomputed through the lookup), or the reply before its message (the message's own
     * recompute counts it); a second reply adds to the count and its button to the payloads, and the replied
     * filters read them.
     */
    @Test
    void aReplyCountsOnTheMessageItAnswersInEveryArrivalOrder() {
        var at = recent(240);
        var together = id("reply-together");
        var later = id("reply-later");
        var first = id("reply-first");
        var none = id("reply-none");
        assertThat(post(port, INGEST_TOKEN, lines(mt(together, at), tap(id("r1"), together, at.plusSeconds(60)),
                mt(later, at.plusSeconds(1)), mt(none, at.plusSeconds(2)))).status()).isEqualTo(200);
        assertThat(post(port, INGEST_TOKEN, lines(tap(id("r2"), later, at.plusSeconds(70)))).status()).isEqualTo(200);
        assertThat(post(port, INGEST_TOKEN, lines(tap(id("r3"), first, at.plusSeconds(80)))).status()).isEqualTo(200);
        assertThat(post(port, INGEST_TOKEN, lines(mt(first, at.plusSeconds(3)))).status()).isEqualTo(200);
        for (var id : List.of(together, later, first)) {
            assertThat(replyState(id)).as(id).isEqualTo(List.of(1L, List.of("BF_YES")));
        }
        assertThat(replyState(none)).isEqualTo(List.of(0L, List.of()));

        var typed = """
                {"type":"mo","id":"%s","at":"%s","subaccount":"%s","contentType":"TEXT","text":"obrigado",\
                "contact":{"phone":"+55 11 91234-5678"},"replyTo":"%s"}""".formatted(id("r4"), at.plusSeconds(90),
                "ti-sales", later);
        assertThat(post(port, INGEST_TOKEN, lines(typed)).status()).isEqualTo(200);
        assertThat(replyState(later)).isEqualTo(List.of(2L, List.of("BF_YES")));

        // a reply timed before its message (Meta's whole seconds against a platform's milliseconds) still counts
        var early = id("reply-early");
        var sameSecond = at.plusSeconds(10).plusMillis(800);
        assertThat(post(port, INGEST_TOKEN, lines(mt(early, sameSecond))).status()).isEqualTo(200);
        assertThat(post(port, INGEST_TOKEN, lines(tap(id("r5"), early, at.plusSeconds(10)))).status()).isEqualTo(200);
        assertThat(replyState(early)).isEqualTo(List.of(1L, List.of("BF_YES")));
        assertThat(post(port, INGEST_TOKEN, lines(status(early, "READ", at.plusSeconds(20)))).status()).isEqualTo(200);
        assertThat(replyState(early)).as("a later recompute keeps it").isEqualTo(List.of(1L, List.of("BF_YES")));

        var mine = List.of(together, later, first, none);
        assertThat(repliedIds(Map.of("replied", true), at)).filteredOn(mine::contains)
                .containsExactlyInAnyOrder(together, later, first);
        assertThat(repliedIds(Map.of("replied", false), at)).filteredOn(mine::contains).containsExactly(none);
        assertThat(repliedIds(Map.of("replyButtons", List.of("BF_YES")), at)).filteredOn(mine::contains)
                .containsExactlyInAnyOrder(together, later, first);
    }

    @Test
    void theSameBatchTwiceChangesNothing() {
        var a = id("dup-a");
        var b = id("dup-b");
        var mo = id("dup-reply");
        var at = recent(200);
        var batch = lines(mt(a, at), status(a, "SENT", at.plusSeconds(1)), status(a, "DELIVERED", at.plusSeconds(3)),
                mt(b, at.plusSeconds(10)), failed(b, at.plusSeconds(12), 131047, "Re-engagement message"),
                tap(mo, a, at.plusSeconds(90)));
        assertThat(post(port, INGEST_TOKEN, batch).status()).isEqualTo(200);
        var messages = IngestFixtures.messages(store, a, b, mo);
        var steps = IngestFixtures.steps(store, a, b, mo);
        var rowA = current(a);
        var rowB = current(b);
        assertThat(messages).isEqualTo(3);
        assertThat(steps).isEqualTo(5);

        var again = post(port, INGEST_TOKEN, batch);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("accepted").asLong()).isEqualTo(6);
        assertThat(IngestFixtures.messages(store, a, b, mo)).isEqualTo(messages);
        assertThat(IngestFixtures.steps(store, a, b, mo)).isEqualTo(steps);
        var againA = current(a);
        var againB = current(b);
        // a replay is recomputed (a newer version) to the very same values, and keeps the first ingestion time
        assertThat(againA.version()).isGreaterThan(rowA.version());
        assertThat(withoutVersion(againA)).isEqualTo(withoutVersion(rowA));
        assertThat(withoutVersion(againB)).isEqualTo(withoutVersion(rowB));
        assertThat(againA.status()).isEqualTo("DELIVERED");
        assertThat(againB.status()).isEqualTo("FAILED");
        // every version of the row has the same ingested_at: exports use it as their snapshot cutoff
        assertThat(store.query(Sql.of("SELECT uniqExact(ingested_at) AS c, count() AS v FROM rastro.messages "
                        + "WHERE account_id = {a:String} AND message_id = {id:String}").bind("a", ACCOUNT).bind("id", a),
                r -> r.getLong("c")).getFirst()).isEqualTo(1);
    }

    static Current withoutVersion(Current c) {
        return new Current(c.status(), c.statusAt(), c.sentAt(), c.deliveredAt(), c.readAt(), c.failedAt(),
                c.errorCode(), c.errorTitle(), c.ingestedAt(), 0);
    }

    @Test
    void statusesBeforeTheirMtAreParkedThenApplied() {
        var id = id("parked");
        var at = recent(300);
        var delivered = at.plusSeconds(4);
        var first = post(port, INGEST_TOKEN, lines(status(id, "SENT", at.plusSeconds(1)), status(id, "DELIVERED", delivered)));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("accepted").asLong()).isEqualTo(2);
        assertThat(IngestFixtures.messages(store, id)).as("no message row before its MT").isZero();
        assertThat(IngestFixtures.steps(store, id)).as("the statuses wait in the history").isEqualTo(2);

        assertThat(post(port, INGEST_TOKEN, lines(mt(id, at))).status()).isEqualTo(200);
        var row = current(id);
        assertThat(row.status()).isEqualTo("DELIVERED");
        assertThat(row.statusAt()).isEqualTo(delivered);
        assertThat(row.deliveredAt()).isEqualTo(delivered);
        assertThat(row.sentAt()).isEqualTo(at.plusSeconds(1));
        assertThat(IngestFixtures.steps(store, id)).isEqualTo(3);
    }

    /**
     * The batch's own MT messages are recomputed by spans of time when enough of them lie close together, and
     * through the lookup table otherwise; statuses for messages of earlier batches always go through the lookup.
     * Each way must find every message: a dense minute and a dense hour later (two spans), a few messages days
     * apart (too thin for a span), parked statuses picked up inside a span, and an earlier batch's message.
     */
    @Test
    void everyMessageOfABatchIsRecomputedWhetherCloseInTimeOrSpreadOut() {
        var base = recent(3 * 24 * 60);
        var earlier = id("spans-earlier");
        assertThat(post(port, INGEST_TOKEN, lines(mt(earlier, base.minusSeconds(600)))).status()).isEqualTo(200);
        var parked = id("spans-parked");
        assertThat(post(port, INGEST_TOKEN, lines(status(parked, "READ", base.plusSeconds(30)))).status())
                .isEqualTo(200);

        var batch = new ArrayList<String>();
        var expected = new java.util.LinkedHashMap<String, Instant>();
        for (int i = 0; i < 2 * StatusRecompute.MIN_BY_TIME; i++) {
            var id = id("spans-dense-" + i);
            var at = base.plusMillis(i * 250L).plusSeconds(i < StatusRecompute.MIN_BY_TIME ? 0 : 3600);
            batch.add(mt(id, at));
            batch.add(status(id, "DELIVERED", at.plusSeconds(5)));
            expected.put(id, at.plusSeconds(5));
        }
        for (int i = 0; i < 5; i++) {
            var id = id("spans-thin-" + i);
            var at = base.minusSeconds(86_400L * (i + 1));
            batch.add(mt(id, at));
            batch.add(status(id, "DELIVERED", at.plusSeconds(7)));
            expected.put(id, at.plusSeconds(7));
        }
        batch.add(mt(parked, base.plusSeconds(1)));
        expected.put(parked, base.plusSeconds(30));
        batch.add(status(earlier, "DELIVERED", base.minusSeconds(590)));
        expected.put(earlier, base.minusSeconds(590));
        Collections.shuffle(batch, new Random(5));
        assertThat(post(port, INGEST_TOKEN, lines(batch.toArray(String[]::new))).status()).isEqualTo(200);

        expected.forEach((id, statusAt) -> {
            var row = current(id);
            assertThat(row.status()).as(id).isEqualTo(id.equals(parked) ? "READ" : "DELIVERED");
            assertThat(row.statusAt()).as(id).isEqualTo(statusAt);
            assertThat(row.deliveredAt()).as(id).isEqualTo(statusAt);
        });
    }

    /**
     * Point lookups test their key in PREWHERE, before FINAL picks a message's version. A message with several
     * versions (each status batch writes one) must still come back once, as its current version, whichever way it
     * is looked up: by id, correlation id, conversation id or phone.
     */
    @Test
    void aMessageWithSeveralVersionsIsFoundOnceAndCurrentThroughEveryLookup() {
        var id = id("versions");
        var at = recent(500);
        var correlation = "ord-" + id;
        var mt = mt(id, at).replace("\"correlationId\":\"ord-1\"", "\"correlationId\":\"" + correlation + "\"");
        // merges held, so that the versions are still side by side when the lookups read them
        store.execute(Sql.of("SYSTEM STOP MERGES rastro.messages"));
        try {
            assertThat(post(port, INGEST_TOKEN, lines(mt, status(id, "SENT", at.plusSeconds(1))))
                    .status()).isEqualTo(200);
            assertThat(post(port, INGEST_TOKEN, lines(status(id, "DELIVERED", at.plusSeconds(2))))
                    .status()).isEqualTo(200);
            assertThat(post(port, INGEST_TOKEN, lines(status(id, "READ", at.plusSeconds(3))))
                    .status()).isEqualTo(200);
            assertThat(store.query(Sql.of("SELECT count() AS c FROM rastro.messages WHERE account_id = {a:String} "
                    + "AND message_id = {id:String}").bind("a", ACCOUNT).bind("id", id), r -> r.getLong("c"))
                    .getFirst()).as("stored versions").isEqualTo(4);
            findsTheCurrentVersionOnce(id, at, correlation);
        } finally {
            store.execute(Sql.of("SYSTEM START MERGES rastro.messages"));
        }
    }

    private void findsTheCurrentVersionOnce(String id, Instant at, String correlation) {
        var gql = Clients.as(port, IngestFixtures.ADMIN);
        gql.document(MESSAGE).variable("id", id).execute().path("message.status").entity(String.class)
                .isEqualTo("READ");
        var period = Map.of("from", at.minusSeconds(60).toString(), "to", at.plusSeconds(60).toString());
        for (var filter : List.<Map<String, Object>>of(
                Map.of("period", period, "correlationId", correlation),
                Map.of("period", period, "conversationId", "conv-" + id),
                Map.of("period", period, "contact", "+55 11 91234-5678"))) {
            var page = gql.documentName("messagesTotal").variable("input", Map.of("filter", filter, "first", 10))
                    .execute();
            page.path("messages.edges[*].node.id").entityList(String.class).satisfies(ids ->
                    assertThat(ids).as("%s", filter).containsOnlyOnce(id));
            page.path("messages.edges[?(@.node.id == '" + id + "')].node.status").entityList(String.class)
                    .containsExactly("READ");
        }
    }

    /**
     * The lookup table keeps a WhatsApp id row only when it differs from the phone (migration 005); a contact
     * filter finds the message by either number all the same. Brazil's mobile numbers are the case in point:
     * WhatsApp may report the wa_id without the ninth digit the phone number carries.
     */
    @Test
    void aContactIsFoundByPhoneOrByADifferentWaIdAndAnEqualWaIdWritesNoLookupRow() {
        var same = id("wa-same");
        var differs = id("wa-differs");
        var at = recent(700);
        var withShortWaId = mt(differs, at.plusSeconds(1)).replace("\"waId\":\"5511912345678\"",
                "\"waId\":\"551112345678\"");
        assertThat(post(port, INGEST_TOKEN, lines(mt(same, at), withShortWaId)).status()).isEqualTo(200);

        var kinds = store.query(Sql.of("""
                SELECT message_id, groupArray(kind) AS kinds FROM (
                    SELECT message_id, kind FROM rastro.message_keys FINAL
                    WHERE account_id = {a:String} AND message_id IN {ids:Array(String)} ORDER BY kind)
                GROUP BY message_id""").bind("a", ACCOUNT).bind("ids", List.of(same, differs)),
                r -> Map.entry(r.getString("message_id"), r.<String>getList("kinds")));
        assertThat(Map.ofEntries(kinds.toArray(Map.Entry[]::new))).isEqualTo(Map.of(
                same, List.of("BSUID", "CONVERSATION", "CORRELATION", "ID", "PHONE"),
                differs, List.of("BSUID", "CONVERSATION", "CORRELATION", "ID", "PHONE", "WA_ID")));

        var gql = Clients.as(port, IngestFixtures.ADMIN);
        var period = Map.of("from", at.minusSeconds(60).toString(), "to", at.plusSeconds(60).toString());
        for (var contact : List.of("+55 11 91234-5678", "5511912345678", "+55 11 1234-5678")) {
            var found = gql.documentName("messagesTotal")
                    .variable("input", Map.of("filter", Map.of("period", period, "contact", contact), "first", 50))
                    .execute().path("messages.edges[*].node.id").entityList(String.class).get();
            var expected = contact.equals("+55 11 1234-5678") ? List.of(differs) : List.of(same, differs);
            assertThat(found.stream().filter(List.of(same, differs)::contains).sorted().toList()).as(contact)
                    .isEqualTo(expected.stream().sorted().toList());
        }
    }

    @Test
    void aDeliveredAfterReadKeepsReadAndSetsDeliveredAt() {
        var id = id("read-then-delivered");
        var at = recent(400);
        var read = at.plusSeconds(30);
        assertThat(post(port, INGEST_TOKEN, lines(mt(id, at), status(id, "READ", read))).status()).isEqualTo(200);
        var afterRead = current(id);
        assertThat(afterRead.status()).isEqualTo("READ");
        assertThat(afterRead.deliveredAt()).as("read implies delivered").isEqualTo(read);

        var delivered = at.plusSeconds(5);
        assertThat(post(port, INGEST_TOKEN, lines(status(id, "DELIVERED", delivered))).status()).isEqualTo(200);
        var row = current(id);
        assertThat(row.status()).isEqualTo("READ");
        assertThat(row.statusAt()).isEqualTo(read);
        assertThat(row.readAt()).isEqualTo(read);
        assertThat(row.deliveredAt()).isEqualTo(delivered);
    }

    @Test
    void aFailureKeepsItsCodeAndTitleEvenWhenOutranked() {
        var id = id("failed");
        var at = recent(500);
        var failedAt = at.plusSeconds(20);
        assertThat(post(port, INGEST_TOKEN, lines(mt(id, at), status(id, "SENT", at.plusSeconds(1)),
                failed(id, failedAt, 131026, "Message undeliverable"))).status()).isEqualTo(200);
        var row = current(id);
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.failedAt()).isEqualTo(failedAt);
        assertThat(row.errorCode()).isEqualTo(131026);
        assertThat(row.errorTitle()).isEqualTo("Message undeliverable");

        // another device reports the delivery later: delivered outranks failed, the error stays on the row
        assertThat(post(port, INGEST_TOKEN, lines(status(id, "DELIVERED", at.plusSeconds(40)))).status()).isEqualTo(200);
        var gql = Clients.as(port, IngestFixtures.ADMIN).document(MESSAGE).variable("id", id).execute();
        gql.path("message.status").entity(String.class).isEqualTo("DELIVERED");
        gql.path("message.error.code").entity(Integer.class).isEqualTo(131026);
        gql.path("message.error.title").entity(String.class).isEqualTo("Message undeliverable");
        gql.path("message.history[*].status").entityList(String.class)
                .containsExactly("ACCEPTED", "SENT", "FAILED", "DELIVERED");
        gql.path("message.history[2].error.code").entity(Integer.class).isEqualTo(131026);
        assertThat(current(id).failedAt()).isEqualTo(failedAt);
    }

    /**
     * Every column of the rows a batch writes, read back as stored: the spill's binary rows must match the column
     * list value for value. Long and multi-byte texts (a length over 127 takes two bytes), a nullable time both set
     * and absent, a true flag and an error code above 16 bits are where an encoding slip would show.
     */
    @Test
    void everyColumnIsStoredAsSent() {
        var mt = id("columns-mt");
        var mo = id("columns-mo");
        var at = recent(9);
        var expires = at.plusSeconds(86_400).plusMillis(250);
        var text = "Olá, João! Sua fatura está pronta 🧾 " + "é".repeat(100);
        var response = post(port, INGEST_TOKEN, lines("""
                {"type":"mt","id":"%s","at":"%s","subaccount":"ti-sales","user":"ana@test-ingest.example",\
                "campaign":{"id":"cmp-ti-bf","name":"Black Friday"},"contentType":"TEXT","text":"%s",\
                "contact":{"phone":"+55 11 91234-5678","waId":"5511912345678","bsuid":"BR.1234567"},\
                "sentWithSession":true,"correlationId":"ordem-ç-1","conversation":{"id":"conv-%s",\
                "type":"USER_INITIATED","expiresAt":"%s"},"pricingCategory":"service"}""".formatted(mt, at, text, mt,
                        expires), failed(mt, at.plusSeconds(2), 131026, "Mensagem não entregue ⚠"),
                tap(mo, mt, at.plusSeconds(60))));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);

        // the row as a reader sees it (FINAL): a background merge may fold the first row (version 0) into the
        // recomputed one at any moment, so only the merged row is certain; it must still hold every column as sent
        List<List<String>> rows = store.query(Sql.of("""
                SELECT message_id, toString(event_time) AS event_time, toString(direction) AS direction, subaccount_id,
                       user_id, campaign_id, campaign_name, content_type, template_name, template_language, text,
                       contact_phone, contact_wa_id, contact_bsuid, sent_with_session, correlation_id, conversation_id,
                       conversation_type, toString(conversation_expires_at) AS expires, pricing_category,
                       button_payload, button_text, reply_to_message_id, status, toString(status_at) AS status_at,
                       isNull(sent_at) AND isNull(delivered_at) AND isNull(read_at) AND isNull(failed_at) AS no_steps,
                       error_code, error_title, ingested_at > now64(3) - INTERVAL 10 MINUTE AS fresh
                FROM rastro.messages FINAL
                WHERE account_id = {a:String} AND message_id IN ({mt:String}, {mo:String})
                ORDER BY event_time""").bind("a", ACCOUNT).bind("mt", mt).bind("mo", mo), r -> {
            var row = new ArrayList<String>();
            for (int i = 1; i <= r.getSchema().getColumns().size(); i++) {
                row.add(r.readValue(i) instanceof Object v ? v.toString() : null);
            }
            return (List<String>) row;
        });
        assertThat(rows).containsExactly(
                List.of(mt, engineTime(at), "MT", "ti-sales", "ana@test-ingest.example", "cmp-ti-bf", "Black Friday",
                        "TEXT", "", "", text, "5511912345678", "5511912345678", "BR.1234567", "true", "ordem-ç-1",
                        "conv-" + mt, "USER_INITIATED", engineTime(expires), "service", "", "", "", "FAILED",
                        engineTime(at.plusSeconds(2)), "0", "131026", "Mensagem não entregue ⚠", "1"),
                Arrays.asList(mo, engineTime(at.plusSeconds(60)), "MO", "ti-sales", "", "cmp-ti-bf", "Black Friday",
                        "BUTTON", "", "", "Quero o desconto", "5511912345678", "5511912345678", "", "false", "",
                        "conv-" + mt, "BUSINESS_INITIATED", engineTime(at.plusSeconds(60 + 86_400)), "", "BF_YES",
                        "Quero o desconto", mt, "RECEIVED", engineTime(at.plusSeconds(60)), "1", "0", "", "1"));

        var steps = store.query(Sql.of("""
                SELECT status, toString(status_at) AS at, error_code, error_title,
                       received_at > now64(3) - INTERVAL 10 MINUTE AS fresh
                FROM rastro.status_events FINAL
                WHERE account_id = {a:String} AND message_id = {id:String} ORDER BY status_at""")
                .bind("a", ACCOUNT).bind("id", mt), r -> List.of(r.getString("status"), r.getString("at"),
                r.getLong("error_code"), r.getString("error_title"), r.getBoolean("fresh")));
        assertThat(steps).containsExactly(
                List.of("ACCEPTED", engineTime(at), 0L, "", true),
                List.of("FAILED", engineTime(at.plusSeconds(2)), 131026L, "Mensagem não entregue ⚠", true));
        assertThat(current(mt).errorTitle()).isEqualTo("Mensagem não entregue ⚠");
    }

    /** How the engine prints a {@code DateTime64(3, 'UTC')}. */
    static String engineTime(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC)
                .format(at);
    }

    @Test
    void aStatusForAnotherTenantsMessageNeverTouchesIt() {
        var acme = store.query(Sql.of("""
                SELECT message_id, status, status_at, version FROM rastro.messages FINAL
                WHERE account_id = 'acme' AND direction = 'MT' AND status = 'SENT' LIMIT 1"""),
                r -> Map.of("id", r.getString("message_id"), "status", r.getString("status"),
                        "status_at", r.getInstant("status_at"), "version", r.getLong("version"))).getFirst();
        var id = (String) acme.get("id");
        var acmeSteps = store.query(Sql.of("SELECT count() AS c FROM rastro.status_events FINAL "
                + "WHERE account_id = 'acme' AND message_id = {id:String}").bind("id", id), r -> r.getLong("c")).getFirst();

        var response = post(port, io.rastro.demo.DemoIdentities.GLOBEX_INGEST_TOKEN,
                lines(status(id, "READ", recent(1)), failed(id, recent(1), 131026, "Message undeliverable")));
        // for Globex this is a status of a message it has not sent (yet): accepted and parked in Globex's history
        assertThat(response.status()).isEqualTo(200);

        var after = store.query(Sql.of("""
                SELECT message_id, status, status_at, version FROM rastro.messages FINAL
                WHERE account_id = 'acme' AND message_id = {id:String}""").bind("id", id),
                r -> Map.of("id", r.getString("message_id"), "status", r.getString("status"),
                        "status_at", r.getInstant("status_at"), "version", r.getLong("version")));
        assertThat(after).containsExactly(acme);
        assertThat(store.query(Sql.of("SELECT count() AS c FROM rastro.status_events FINAL "
                + "WHERE account_id = 'acme' AND message_id = {id:String}").bind("id", id), r -> r.getLong("c")).getFirst())
                .isEqualTo(acmeSteps);
        assertThat(store.query(Sql.of("SELECT count() AS c FROM rastro.messages FINAL "
                + "WHERE account_id = 'globex' AND message_id = {id:String}").bind("id", id), r -> r.getLong("c")).getFirst())
                .isZero();
    }
}
