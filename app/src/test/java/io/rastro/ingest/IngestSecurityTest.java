package io.rastro.ingest;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.demo.DemoIdentities;
import io.rastro.security.ApiTokens;
import io.rastro.security.Role;
import io.rastro.store.Sql;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.rastro.ingest.IngestEventsTest.lines;
import static io.rastro.ingest.IngestEventsTest.mt;
import static io.rastro.ingest.IngestFixtures.id;
import static io.rastro.ingest.IngestFixtures.post;
import static io.rastro.ingest.IngestFixtures.recent;
import static org.assertj.core.api.Assertions.assertThat;

/** Only a live ingestion token may post events; everyone else is refused before anything is read or written. */
@IntegrationTest
class IngestSecurityTest extends IngestTestBase {


    void refused(String authorization, int status, String error, String id) {
        var response = post(port, authorization, "application/x-ndjson", lines(mt(id, recent(30))));
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body().get("error").asString()).isEqualTo(error);
        assertThat(store.query(Sql.of("SELECT count() AS c FROM rastro.messages WHERE message_id = {id:String}")
                .bind("id", id), r -> r.getLong("c")).getFirst()).as("nothing written").isZero();
    }

    @Test
    void anonymousCallersAre401() {
        refused(null, 401, "UNAUTHORIZED", id("anonymous"));
    }

    static final String WRONG_SECRET =
            IngestFixtures.INGEST_TOKEN.substring(0, IngestFixtures.INGEST_TOKEN.indexOf('.')) + ".guessed";

    @Test
    void unknownTokensAre401() {
        refused("Bearer rst_nosuch00.not-a-real-secret", 401, "UNAUTHORIZED", id("unknown-token"));
        refused("Bearer rst_garbage", 401, "UNAUTHORIZED", id("garbage-token"));
    }

    /** Asserted, not assumed: a wrong secret is a plain "no", never a failure that a test would skip over. */
    @Test
    void aWrongSecretIs401() {
        assertThat(tokens.authenticate(WRONG_SECRET)).isEmpty();
        refused("Bearer " + WRONG_SECRET, 401, "UNAUTHORIZED", id("wrong-secret"));
    }

    @Test
    void aRevokedTokenIs401FromTheNextRequestOn() {
        var created = tokens.create(IngestFixtures.ACCOUNT, "revoked in a test", Role.INGEST_TOKEN, Set.of(), "tests");
        var before = id("before-revoke");
        assertThat(post(port, created.secret(), lines(mt(before, recent(30)))).status()).isEqualTo(200);
        assertThat(IngestFixtures.messages(store, before)).isEqualTo(1);
        assertThat(tokens.revoke(IngestFixtures.ACCOUNT, created.token().id(), java.time.Instant.now())).isTrue();
        refused("Bearer " + created.secret(), 401, "UNAUTHORIZED", id("after-revoke"));
        assertThat(tokens.authenticate(created.secret())).as("revoked").isEmpty();
    }

    @Test
    void peopleAndReadTokensAre403() {
        refused(Clients.basic(DemoIdentities.ANA), 403, "FORBIDDEN", id("report-user"));
        refused(Clients.basic(IngestFixtures.ADMIN), 403, "FORBIDDEN", id("tenant-admin"));
        refused(Clients.bearer(DemoIdentities.ACME_BI_TOKEN), 403, "FORBIDDEN", id("read-token"));
    }
}
