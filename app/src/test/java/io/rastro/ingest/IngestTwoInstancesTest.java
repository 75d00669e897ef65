package io.rastro.ingest;

import io.rastro.IntegrationTest;
import io.rastro.OnServerEngine;
import io.rastro.SecondInstance;
import io.rastro.export.job.ExportFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.rastro.ingest.IngestEventsTest.failed;
import static io.rastro.ingest.IngestEventsTest.lines;
import static io.rastro.ingest.IngestEventsTest.mt;
import static io.rastro.ingest.IngestEventsTest.status;
import static io.rastro.ingest.IngestFixtures.INGEST_TOKEN;
import static io.rastro.ingest.IngestFixtures.id;
import static io.rastro.ingest.IngestFixtures.post;
import static io.rastro.ingest.IngestFixtures.recent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One message's events posted in turn to two instances over one server (a load balancer spreads a platform's
 * batches): each batch's status recompute runs on the instance that took it, and the current row still converges
 * to what all the events say, because the recompute's version is the engine's clock, not either instance's.
 */
@IntegrationTest
@OnServerEngine
class IngestTwoInstancesTest extends IngestTestBase {

    @Autowired
    ExportFiles files;

    @Test
    void eventsOfOneMessageSpreadOverTwoInstancesConvergeToOneCurrentRow() {
        var portB = SecondInstance.port(SecondInstance.context(files.dir()));
        var mt = id("two-instances");
        var at = recent(90);
        var read = at.plusSeconds(40);
        var delivered = at.plusSeconds(5);
        var failedAt = at.plusSeconds(50);
        assertThat(post(port, INGEST_TOKEN, lines(mt(mt, at))).status()).isEqualTo(200);
        assertThat(post(portB, INGEST_TOKEN, lines(status(mt, "READ", read))).status()).isEqualTo(200);
        assertThat(post(port, INGEST_TOKEN, lines(status(mt, "DELIVERED", delivered))).status()).isEqualTo(200);
        assertThat(post(portB, INGEST_TOKEN, lines(failed(mt, failedAt, 131026, "Message undeliverable")))
                .status()).isEqualTo(200);
        var row = IngestEventsTest.current(store, mt);
        // read outranks delivered and a failure seen on another device; the failure keeps its code and title
        assertThat(row.status()).isEqualTo("READ");
        assertThat(row.readAt()).isEqualTo(read);
        assertThat(row.deliveredAt()).isEqualTo(delivered);
        assertThat(row.failedAt()).isEqualTo(failedAt);
        assertThat(row.errorCode()).isEqualTo(131026);
        assertThat(IngestFixtures.steps(store, mt)).isEqualTo(4);
    }
}
