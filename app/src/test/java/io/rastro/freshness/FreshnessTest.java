package io.rastro.freshness;

import io.rastro.Clients;
import io.rastro.IntegrationTest;
import io.rastro.TestTenants;
import io.rastro.security.ApiTokens;
import io.rastro.security.Role;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dataAsOf end to end: NDJSON batches posted by two clients of one account move their sources' watermarks, the
 * slowest active one bounds every report answer's dataAsOf, a refused batch moves nothing, a client's clock ahead
 * of ours cannot claim the future, and another account's ingestion changes nothing for this one. Each run has its
 * own accounts, so the values are exact.
 */
@IntegrationTest
class FreshnessTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACCOUNT = "test-fresh-" + RUN;
    static final String OTHER = "test-fresh-other-" + RUN;
    static final String SUB = "tf-" + RUN;
    static final String ADMIN = "admin@" + ACCOUNT + ".example";
    static final String AGENT = "agent@" + ACCOUNT + ".example";
    static final String OTHER_ADMIN = "admin@" + OTHER + ".example";
    static final String PLATFORM = "rst_tfa" + RUN + ".fresh-platform-secret-000001";
    static final String BACKFILL = "rst_tfb" + RUN + ".fresh-backfill-secret-000001";
    static final String OTHER_PLATFORM = "rst_tfo" + RUN + ".fresh-other-secret-00000001";
    private static boolean written;

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ApiTokens tokens;

    @BeforeEach
    void tenants() {
        synchronized (FreshnessTest.class) {
            if (written) {
                return;
            }
            TestTenants.account(store, ACCOUNT, List.of(SUB));
            TestTenants.account(store, OTHER, List.of(SUB + "-o"));
            TestTenants.token(tokens, ACCOUNT, PLATFORM, Role.INGEST_TOKEN);
            TestTenants.token(tokens, ACCOUNT, BACKFILL, Role.INGEST_TOKEN);
            TestTenants.token(tokens, OTHER, OTHER_PLATFORM, Role.INGEST_TOKEN);
            TestTenants.person(store, ACCOUNT, ADMIN, Role.ADMIN, List.of());
            TestTenants.person(store, ACCOUNT, AGENT, Role.SUBACCOUNT_USER, List.of(SUB));
            TestTenants.person(store, OTHER, OTHER_ADMIN, Role.ADMIN, List.of());
            written = true;
        }
    }

    static final String EVERY_ANSWER = """
            query($from: DateTime!, $to: DateTime!) {
              messages(input: {filter: {period: {from: $from, to: $to}}, first: 1}) { totalCount dataAsOf }
              conversations(input: {filter: {period: {from: $from, to: $to}}, first: 1}) { totalCount dataAsOf }
              messageCounts(input: {filter: {period: {from: $from, to: $to}}, groupBy: []}) { total dataAsOf }
              funnel(input: {filter: {period: {from: $from, to: $to}}, groupBy: []}) { dataAsOf }
              failureAnalysis(input: {filter: {period: {from: $from, to: $to}}}) { failures dataAsOf }
              marketingFatigue(input: {filter: {period: {from: $from, to: $to}}}) { totalContacts dataAsOf }
              freshness { dataAsOf sources { name watermark lastBatchAt active } }
            }""";

    /** Every answer's dataAsOf, which must all agree, and the freshness query's sources. */
    record Seen(Instant dataAsOf, Map<String, Instant> watermarks, Map<String, Instant> lastBatches) {
    }

    @SuppressWarnings("unchecked")
    Seen seen(String user) {
        var now = Instant.now();
        var response = Clients.graphQl(port, Clients.basic(user)).document(EVERY_ANSWER)
                .variable("from", now.minus(Duration.ofDays(2)).toString()).variable("to", now.plusSeconds(60).toString())
                .execute();
        response.errors().verify();
        var data = response.path("").entity(Map.class).get();
        var values = new java.util.HashSet<Object>();
        for (var field : List.of("messages", "conversations", "messageCounts", "funnel", "failureAnalysis",
                "marketingFatigue", "freshness")) {
            values.add(((Map<String, Object>) data.get(field)).get("dataAsOf"));
        }
        assertThat(values).as("every answer's dataAsOf").hasSize(1);
        var watermarks = new java.util.TreeMap<String, Instant>();
        var last = new java.util.TreeMap<String, Instant>();
        for (var s : (List<Map<String, Object>>) ((Map<String, Object>) data.get("freshness")).get("sources")) {
            watermarks.put((String) s.get("name"), at(s.get("watermark")));
            last.put((String) s.get("name"), at(s.get("lastBatchAt")));
            assertThat(s.get("active")).isEqualTo(true);
        }
        return new Seen(at(values.iterator().next()), watermarks, last);
    }

    static Instant at(Object iso) {
        return iso == null ? null : OffsetDateTime.parse((String) iso).toInstant();
    }

    int post(String token, String... lines) {
        return RestClient.create("http://localhost:" + port).post().uri("/api/v1/events")
                .header("Authorization", "Bearer " + token).contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                .exchange((req, res) -> res.getStatusCode().value());
    }

    static String mt(String id, Instant at) {
        return mt(id, at, SUB);
    }

    static String mt(String id, Instant at, String subaccount) {
        return """
                {"type":"mt","id":"%s","at":"%s","subaccount":"%s","contentType":"TEXT","text":"Olá",\
                "contact":{"phone":"+5511912345678"},"sentWithSession":true}""".formatted(id, at, subaccount);
    }

    static String status(String id, String status, Instant at) {
        return """
                {"type":"status","id":"%s","status":"%s","at":"%s"}""".formatted(id, status, at);
    }

    static String tokenId(String bearer) {
        return bearer.substring(ApiTokens.PREFIX.length(), bearer.indexOf('.'));
    }

    /** An account of its own for one test, with an ingestion token and an administrator. */
    record Own(String account, String token, String admin) {
    }

    Own own(String name, String tokenTag) {
        var own = new Own("test-fresh-" + name + "-" + RUN, "rst_" + tokenTag + RUN + ".fresh-" + name + "-secret-000001",
                "admin@test-fresh-" + name + "-" + RUN + ".example");
        TestTenants.account(store, own.account(), List.of(SUB));
        TestTenants.token(tokens, own.account(), own.token(), Role.INGEST_TOKEN);
        TestTenants.person(store, own.account(), own.admin(), Role.ADMIN, List.of());
        return own;
    }

    static Instant minutesAgo(long minutes) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(minutes, ChronoUnit.MINUTES);
    }

    @Test
    void theSlowestClientBoundsEveryAnswerAndNothingElseMovesIt() {
        var platform = "events:" + tokenId(PLATFORM);
        var backfill = "events:" + tokenId(BACKFILL);
        assertThat(seen(ADMIN)).as("nothing ingested yet").isEqualTo(new Seen(null, Map.of(), Map.of()));

        // the platform's batch: a message and its statuses; the newest event is the watermark
        var sent = minutesAgo(30);
        var before = Instant.now();
        assertThat(post(PLATFORM, mt("wamid.tf-" + RUN + "-1", sent), status("wamid.tf-" + RUN + "-1", "SENT",
                sent.plusSeconds(5)), status("wamid.tf-" + RUN + "-1", "DELIVERED", sent.plusSeconds(20)))).isEqualTo(200);
        var after = Instant.now();
        var one = seen(ADMIN);
        assertThat(one.dataAsOf()).isEqualTo(sent.plusSeconds(20));
        assertThat(one.watermarks()).isEqualTo(Map.of(platform, sent.plusSeconds(20)));
        assertThat(one.lastBatches().get(platform)).isBetween(before.truncatedTo(ChronoUnit.MILLIS), after);

        // a second client further behind: it bounds dataAsOf
        var old = minutesAgo(90);
        assertThat(post(BACKFILL, mt("wamid.tf-" + RUN + "-2", old))).isEqualTo(200);
        var two = seen(ADMIN);
        assertThat(two.dataAsOf()).isEqualTo(old);
        assertThat(two.watermarks()).isEqualTo(Map.of(platform, sent.plusSeconds(20), backfill, old));
        var agent = seen(AGENT);
        assertThat(agent.dataAsOf()).as("a subaccount user sees the account's").isEqualTo(old);
        assertThat(agent.watermarks()).as("but not its sources, named after tokens and people").isEmpty();

        // a refused batch (a status with no known status name) moves nothing
        assertThat(post(BACKFILL, mt("wamid.tf-" + RUN + "-3", minutesAgo(1)),
                status("wamid.tf-" + RUN + "-3", "TELEPORTED", minutesAgo(1)))).isEqualTo(400);
        assertThat(seen(ADMIN)).isEqualTo(two);

        // an older batch of a client never moves its watermark back
        assertThat(post(PLATFORM, mt("wamid.tf-" + RUN + "-4", minutesAgo(300)))).isEqualTo(200);
        assertThat(seen(ADMIN).watermarks().get(platform)).isEqualTo(sent.plusSeconds(20));

        // the backfill catches up, past the platform: the platform bounds it now
        assertThat(post(BACKFILL, mt("wamid.tf-" + RUN + "-5", minutesAgo(2)))).isEqualTo(200);
        assertThat(seen(ADMIN).dataAsOf()).isEqualTo(sent.plusSeconds(20));

        // another account's ingestion changes nothing here, and that account sees only its own source
        var mine = seen(ADMIN);
        var otherSent = minutesAgo(200);
        assertThat(post(OTHER_PLATFORM, mt("wamid.tf-" + RUN + "-o1", otherSent, SUB + "-o"))).isEqualTo(200);
        assertThat(seen(ADMIN)).isEqualTo(mine);
        var other = seen(OTHER_ADMIN);
        assertThat(other.dataAsOf()).isEqualTo(otherSent);
        assertThat(other.watermarks()).containsOnlyKeys("events:" + tokenId(OTHER_PLATFORM));
    }

    @Test
    void aClientClockAheadOfOursCannotClaimTheFuture() {
        var own = own("ahead", "tfc");
        var ahead = own.token();
        var admin = own.admin();

        var before = Instant.now();
        assertThat(post(ahead, mt("wamid.tf-" + RUN + "-ahead", Instant.now().plus(Duration.ofMinutes(3))))).isEqualTo(200);
        var after = Instant.now();
        var seen = seen(admin);
        assertThat(seen.dataAsOf()).isBetween(before.truncatedTo(ChronoUnit.MILLIS), after)
                .isEqualTo(seen.lastBatches().get("events:" + tokenId(ahead)));
    }

    @Test
    void aSourceQuietForADayNoLongerHoldsDataAsOfBack() {
        var own = own("quiet", "tfq");
        var token = own.token();
        var account = own.account();
        // a retired client last heard from two days ago, far behind
        var retired = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        store.execute(Sql.of("""
                INSERT INTO rastro.ingest_watermarks (account_id, source, watermark, seen_at)
                SELECT {a:String}, 'events:retired', {w:DateTime64(3, 'UTC')}, {w:DateTime64(3, 'UTC')}""")
                .bind("a", account).bind("w", retired));
        var report = new Freshness(store).report(account);
        assertThat(report.dataAsOf()).as("all quiet: the newest").isEqualTo(retired);
        assertThat(report.sources()).singleElement().extracting(Freshness.Source::active).isEqualTo(false);

        var sent = minutesAgo(10);
        assertThat(post(token, mt("wamid.tf-" + RUN + "-q", sent))).isEqualTo(200);
        assertThat(new Freshness(store).report(account).dataAsOf()).isEqualTo(sent);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExportKeepsTheDataAsOfOfItsStartInItsJobAndOnItsDownload() throws Exception {
        var own = own("export", "tfx");
        var token = own.token();
        var admin = own.admin();
        var sent = minutesAgo(40);
        assertThat(post(token, mt("wamid.tf-" + RUN + "-x", sent))).isEqualTo(200);

        var client = Clients.graphQl(port, Clients.basic(admin));
        var before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var job = client.document("""
                        mutation($from: DateTime!, $to: DateTime!) {
                          startExport(input: {format: CSV, filter: {period: {from: $from, to: $to}}}) {
                            job { id cutoff dataAsOf }
                          }
                        }""").variable("from", sent.minus(Duration.ofHours(1)).toString())
                .variable("to", Instant.now().plusSeconds(60).toString()).execute()
                .path("startExport.job").entity(Map.class).get();
        assertThat(at(job.get("dataAsOf"))).as("freshness when it started").isEqualTo(sent);
        assertThat(at(job.get("cutoff"))).isBetween(before, Instant.now());

        // a batch after the start moves the account's dataAsOf, not the job's
        var later = minutesAgo(5);
        assertThat(post(token, mt("wamid.tf-" + RUN + "-y", later))).isEqualTo(200);
        var done = (Map<String, Object>) null;
        // a deadline rather than a count of tries: on a loaded CI machine the job may wait for an export slot
        var deadline = Instant.now().plus(Duration.ofMinutes(2));
        while ((done == null || !"DONE".equals(done.get("status"))) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            done = client.document("query($id: ID!) { exportJob(id: $id) { status dataAsOf downloadUrl } }")
                    .variable("id", job.get("id")).execute().path("exportJob").entity(Map.class).get();
        }
        assertThat(done).containsEntry("status", "DONE").containsEntry("dataAsOf", job.get("dataAsOf"));
        assertThat(seen(admin).dataAsOf()).isEqualTo(later);

        var download = Clients.http(port, Clients.basic(admin)).get().uri((String) done.get("downloadUrl"))
                .exchange((req, res) -> Map.entry(res.getStatusCode().value(),
                        String.valueOf(res.getHeaders().getFirst("X-Rastro-Data-As-Of"))));
        assertThat(download.getKey()).isEqualTo(200);
        assertThat(Instant.parse(download.getValue())).isEqualTo(sent);
    }
}
