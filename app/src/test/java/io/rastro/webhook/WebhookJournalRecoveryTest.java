package io.rastro.webhook;

import io.rastro.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.rastro.webhook.MetaBodies.*;
import static io.rastro.webhook.WebhookFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What another instance on the same journal root answered and never stored in the inbox is taken over by the next
 * recovery of a live one, however long ago it was received: here three hours, past the hour a periodic recovery of
 * the inbox looks back.
 */
@IntegrationTest
class WebhookJournalRecoveryTest extends WebhookTestBase {

    @Autowired
    WebhookJournal.Holder journals;

    @Test
    void aStoppedInstancesJournalIsStoredAndAppliedByTheNextRecoveryWhateverItsAge() throws Exception {
        var root = journals.journal().orElseThrow().dir().getParent();
        var id = id("journal-old");
        var from = WebhookMessagesTest.phone();
        var bytes = body(messages(SALES_NUMBER, contact("Cliente", from, null),
                text(id, from, recent(200), "guardada no diário"))).getBytes(StandardCharsets.UTF_8);
        var stopped = WebhookJournal.open(root);
        stopped.append(Instant.now().minus(Duration.ofHours(3)), List.of(new WebhookInbox.Body(bytes,
                Map.of(SALES_NUMBER, new Route(ACCOUNT, SALES)))));
        stopped.close(); // answered, then the instance stopped before its apply
        assertThat(Files.exists(stopped.dir())).as("its record is kept").isTrue();
        assertThat(rows(store, id)).isZero();

        committer.recoverNow().get(60, TimeUnit.SECONDS);
        assertThat(rows(store, id)).as("stored in the inbox and applied").isEqualTo(1);
        assertThat(count(store, "SELECT count() AS c FROM rastro.webhook_inbox WHERE body LIKE {l:String}",
                Map.of("l", "%" + id + "%"))).isEqualTo(1);
        assertThat(Files.exists(stopped.dir())).as("released: the stopped instance's directory is gone").isFalse();

        committer.recoverNow().get(60, TimeUnit.SECONDS);
        assertThat(count(store, "SELECT count() AS c FROM rastro.webhook_inbox WHERE body LIKE {l:String}",
                Map.of("l", "%" + id + "%"))).as("taken over once").isEqualTo(1);
    }
}
