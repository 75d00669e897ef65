package io.rastro.webhook;

import io.rastro.IntegrationTest;
import io.rastro.store.Sql;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.rastro.webhook.MetaBodies.*;
import static io.rastro.webhook.WebhookFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox: a 200 means the body is kept byte for byte and then marked applied (with the embedded engine it reaches
 * the inbox through the journal, with a server directly); a group that was stored and never applied (the instance
 * stopped in between) is applied from the inbox by the recovery, once, and a group marked applied is left alone.
 */
@IntegrationTest
class WebhookInboxTest extends WebhookTestBase {

    @Autowired
    WebhookInbox inbox;

    private long inboxRows(String like) {
        return count(store, "SELECT count() AS c FROM rastro.webhook_inbox WHERE body LIKE {l:String}",
                Map.of("l", "%" + like + "%"));
    }

    private long marks(String like) {
        return count(store, "SELECT count() AS c FROM rastro.webhook_inbox_applied FINAL WHERE group_id IN "
                + "(SELECT group_id FROM rastro.webhook_inbox WHERE body LIKE {l:String})", Map.of("l", "%" + like + "%"));
    }

    @Autowired
    WebhookJournal.Holder journals;

    @Test
    void aJournalIsKeptUnderTheDataDirectoryWithTheEmbeddedEngineAndNoneWithAServer() {
        if (store.info().kind().equals("embedded")) {
            assertThat(journals.journal()).get().extracting(j -> j.dir().getParent().getFileName().toString())
                    .isEqualTo("webhook-journal");
            assertThat(journals.journal().orElseThrow().dir().getParent().getParent().toAbsolutePath())
                    .isEqualTo(io.rastro.TestEngine.dataDir().toAbsolutePath());
        } else {
            assertThat(journals.journal()).as("no journal-dir set: answered once in the inbox").isEmpty();
        }
    }

    @Test
    void theInboxMergesOnlyOnceManyPartsWait() {
        // migration 017: with the default base, its small parts were merged into its big one every few inserts
        var engine = store.query(Sql.of("SELECT engine_full FROM system.tables WHERE database = 'rastro' "
                + "AND name = 'webhook_inbox'"), r -> r.getString("engine_full"));
        assertThat(engine).singleElement().asString().contains("merge_selector_base = 50");
    }

    @Test
    void aStoredBodyIsKeptByteForByteAndMarkedOnceApplied() {
        var id = id("inbox-kept");
        var from = WebhookMessagesTest.phone();
        // non-ASCII as Meta sends it, escaped, and as a forwarder might, raw: the bytes are kept as they came
        var bytes = body(messages(SALES_NUMBER, contact("Joâo \\u00c1lvaro", from, null),
                text(id, from, recent(3), "Ol\\u00e1, ação"))).getBytes(StandardCharsets.UTF_8);
        var response = post(port, bytes, WebhookSignature.sign(SECRET_NEW, bytes));
        assertThat(response.status()).isEqualTo(200);
        var kept = store.query(Sql.of("SELECT body FROM rastro.webhook_inbox WHERE body LIKE {l:String}")
                .bind("l", "%" + id + "%"), r -> r.getString("body"));
        assertThat(kept).containsExactly(new String(bytes, StandardCharsets.UTF_8));
        assertThat(marks(id)).isEqualTo(1);
        assertThat(rows(store, id)).isEqualTo(1);
    }

    @Test
    void aGroupStoredButNeverAppliedIsAppliedFromTheInboxOnceAndAMarkedOneIsNot() throws Exception {
        var lost = id("inbox-lost");
        var done = id("inbox-done");
        var from = WebhookMessagesTest.phone();
        var stoppedAt = Instant.now().minus(Duration.ofMinutes(5)); // older than rastro.whatsapp.recovery-age
        // what an instance that stopped after answering leaves: the body stored, no mark; and one it had applied
        var routes = Map.of(SALES_NUMBER, new Route(ACCOUNT, SALES));
        inbox.store(UUID.randomUUID().toString(), stoppedAt, List.of(new WebhookInbox.Body(body(messages(SALES_NUMBER,
                contact("Cliente", from, null), text(lost, from, recent(6), "perdida?"))).getBytes(StandardCharsets.UTF_8),
                routes)));
        var marked = new WebhookInbox.Pending(UUID.randomUUID().toString(), stoppedAt, List.of());
        inbox.store(marked.groupId(), stoppedAt, List.of(new WebhookInbox.Body(body(messages(SALES_NUMBER,
                contact("Cliente", from, null), text(done, from, recent(6), "aplicada"))).getBytes(StandardCharsets.UTF_8),
                routes)));
        inbox.applied(List.of(marked), Instant.now());
        assertThat(rows(store, lost)).isZero();

        committer.recoverNow().get(60, TimeUnit.SECONDS);
        assertThat(rows(store, lost)).as("applied from the inbox").isEqualTo(1);
        assertThat(rows(store, done)).as("its mark said it was applied already").isZero();
        assertThat(marks(lost)).isEqualTo(1);

        // merges held, so that a second apply's rows could not be folded away before they are counted
        store.execute(Sql.of("SYSTEM STOP MERGES rastro.messages"));
        try {
            var versions = count(store, "SELECT count() AS c FROM rastro.messages WHERE account_id = {a:String} "
                    + "AND message_id = {id:String}", Map.of("a", ACCOUNT, "id", lost));
            committer.recoverNow().get(60, TimeUnit.SECONDS);
            assertThat(count(store, "SELECT count() AS c FROM rastro.messages WHERE account_id = {a:String} "
                    + "AND message_id = {id:String}", Map.of("a", ACCOUNT, "id", lost))).as("not applied twice")
                    .isEqualTo(versions);
        } finally {
            store.execute(Sql.of("SYSTEM START MERGES rastro.messages"));
        }
        assertThat(inboxRows(lost)).isEqualTo(1);
    }

    /**
     * A group is applied from the inbox with the routes its numbers had when it was received: here a number nobody
     * holds now (it was removed, and could have gone to another account) still takes the body to the account that
     * held it then.
     */
    @Test
    void aRecoveredGroupIsRoutedAsItWasWhenReceived() throws Exception {
        var id = id("inbox-routed");
        var from = WebhookMessagesTest.phone();
        var gone = "1999" + (System.nanoTime() % 100_000_000_000L); // registered to nobody
        inbox.store(UUID.randomUUID().toString(), Instant.now().minus(Duration.ofMinutes(5)), List.of(
                new WebhookInbox.Body(body(messages(gone, contact("Cliente", from, null),
                        text(id, from, recent(6), "roteada"))).getBytes(StandardCharsets.UTF_8),
                        Map.of(gone, new Route(ACCOUNT, SUPPORT)))));
        committer.recoverNow().get(60, TimeUnit.SECONDS);
        assertThat(rows(store, id)).isEqualTo(1);
        assertThat(store.query(Sql.of("SELECT subaccount_id FROM rastro.messages FINAL WHERE account_id = {a:String} "
                + "AND message_id = {id:String}").bind("a", ACCOUNT).bind("id", id), r -> r.getString("subaccount_id")))
                .containsExactly(SUPPORT);
        assertThat(count(store, "SELECT count() AS c FROM rastro.webhook_unrouted WHERE phone_number_id = {n:String}",
                Map.of("n", gone))).as("not taken for an unrouted change").isZero();
    }
}
