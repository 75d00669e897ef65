package io.rastro.export;

import io.rastro.Clients;
import io.rastro.InstanceId;
import io.rastro.IntegrationTest;
import io.rastro.OnServerEngine;
import io.rastro.SecondInstance;
import io.rastro.demo.DemoIdentities;
import io.rastro.export.job.ExportFiles;
import io.rastro.export.job.ExportJob;
import io.rastro.export.job.ExportStatus;
import io.rastro.export.job.ExportJobStore;
import io.rastro.export.job.ExportMaintenance;
import io.rastro.export.job.ExportSlots;
import io.rastro.report.Enums.MessageSort;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.rastro.export.ExportJobsTest.awaitTrue;
import static io.rastro.export.ExportTestSupport.BULK;
import static io.rastro.export.ExportTestSupport.BULK_ADMIN;
import static io.rastro.export.ExportTestSupport.download;
import static io.rastro.export.ExportTestSupport.ensureBulkTenant;
import static io.rastro.export.ExportTestSupport.exportDone;
import static io.rastro.export.ExportTestSupport.input;
import static io.rastro.export.ExportTestSupport.job;
import static io.rastro.export.ExportTestSupport.lastDays;
import static io.rastro.export.ExportTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Rastro instances over one ClickHouse server sharing export jobs and one export directory: this test's
 * context (instance A, the shared server-engine context) and {@link SecondInstance} (instance B).
 */
@IntegrationTest
@OnServerEngine
class ExportTwoInstancesTest {

    static final String B_ID = SecondInstance.ID;
    private ConfigurableApplicationContext second;

    @LocalServerPort
    int port;
    @Autowired
    Store store;
    @Autowired
    ExportFiles files;
    @Autowired
    ExportJobStore jobStore;
    @Autowired
    ExportSlots slots;
    @Autowired
    ExportMaintenance maintenance;
    @Autowired
    InstanceId instance;

    @BeforeEach
    void startSecondInstance() {
        ensureBulkTenant(store);
        second = SecondInstance.context(files.dir());
    }

    private int portB() {
        return SecondInstance.port(second);
    }

    @Test
    void theInstancesAreDistinctOverOneStore() {
        assertThat(second.getBean(InstanceId.class).id()).isEqualTo(B_ID).isNotEqualTo(instance.id());
        assertThat(second.getBean(Store.class).info().where()).isEqualTo(store.info().where());
        assertThat(second.getBean(ExportFiles.class).dir()).isEqualTo(files.dir());
    }

    @Test
    void anExportStartedOnOneInstanceIsListedAndDownloadedOnTheOther() throws Exception {
        var done = exportDone(Clients.as(port, DemoIdentities.ANA), input("filter",
                Map.of("period", lastDays(2), "subaccounts", List.of("acme-support")), "format", "CSV"));
        var id = (String) done.get("id");
        var onB = job(Clients.as(portB(), DemoIdentities.ANA), id);
        assertThat(onB.get("status")).isEqualTo("DONE");
        assertThat(onB.get("rowsWritten")).isEqualTo(done.get("rowsWritten"));
        var file = download(portB(), Clients.basic(DemoIdentities.ANA), (String) done.get("downloadUrl"));
        assertThat(file.status()).isEqualTo(200);
        var stored = jobStore.find(DemoIdentities.ACME, id).orElseThrow();
        assertThat(file.body()).isEqualTo(Files.readAllBytes(files.done(stored)));
        // and still another tenant's job is nobody else's, on either instance
        assertThat(download(portB(), Clients.basic(DemoIdentities.BRUNO), (String) done.get("downloadUrl")).status())
                .isEqualTo(404);
    }

    @Test
    void anInstanceFailsItsOwnJobsFromBeforeItsStartAndStaleOnesButNotAnotherInstancesLiveJob() {
        var created = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        var mine = orphan("exp_" + "b0000000000000000000own0", created);
        // saved through B: B wrote it (its instance), and it was created before B started
        second.getBean(ExportJobStore.class).save(mine);
        // a job of this instance created now (so nobody's to recover), the template of other instances' versions
        var template = orphan("exp_" + "a00000000000000template0", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        jobStore.save(template);
        var live = "exp_" + "c000000000000000000live0";
        var stale = "exp_" + "d00000000000000000stale0";
        var now = Instant.now();
        copy(template.id(), live, "instance-c", now);
        copy(template.id(), stale, "instance-gone", now.minus(5, ChronoUnit.MINUTES));

        // (either instance's scheduled heartbeat may get to these first; the outcome is the same)
        second.getBean(ExportMaintenance.class).recoverInterrupted();

        var ownJob = jobStore.find(DemoIdentities.ACME, mine.id()).orElseThrow();
        assertThat(ownJob.status()).isEqualTo(ExportStatus.FAILED);
        assertThat(ownJob.state().failure()).isEqualTo(ExportMaintenance.INTERRUPTED);
        var staleJob = jobStore.find(DemoIdentities.ACME, stale).orElseThrow();
        assertThat(staleJob.status()).isEqualTo(ExportStatus.FAILED);
        assertThat(staleJob.state().failure()).isEqualTo(ExportMaintenance.STALE);
        assertThat(jobStore.find(DemoIdentities.ACME, live).orElseThrow().status())
                .as("another instance's job with a fresh heartbeat").isEqualTo(ExportStatus.RUNNING);
        // A (this context) leaves it alone too: it is neither A's own nor stale
        maintenance.recoverInterrupted();
        assertThat(jobStore.find(DemoIdentities.ACME, live).orElseThrow().status()).isEqualTo(ExportStatus.RUNNING);
        for (var id : List.of(live, template.id())) {
            jobStore.save(jobStore.find(DemoIdentities.ACME, id).orElseThrow()
                    .ended(ExportStatus.CANCELLED, "test over", Instant.now()));
        }
    }

    @Test
    void aCancelSentToTheOtherInstanceStopsTheExportWhereItRuns() throws Exception {
        var onA = Clients.as(port, BULK_ADMIN);
        var onB = Clients.as(portB(), BULK_ADMIN);
        var id = (String) start(onA, input("filter", Map.of("period", lastDays(21)), "format", "XLSX")).get("id");
        // B sees A's progress through the store
        awaitTrue(() -> ((Number) job(onB, id).get("rowsWritten")).longValue() > 0);
        assertThat(job(onB, id).get("status")).isEqualTo("RUNNING");
        onB.documentName("cancelExport").variable("input", Map.of("id", id)).execute()
                .path("cancelExport.job.status").entity(String.class).isEqualTo("CANCELLED");
        // A's worker keeps writing progress until its heartbeat reads the cancel; the cancel stays the job's state
        maintenance.heartbeat();
        var job = jobStore.find(BULK, id).orElseThrow();
        awaitTrue(() -> slots.inUse() == 0 && !Files.exists(files.partial(job)));
        assertThat(files.done(job)).doesNotExist();
        assertThat(job.status()).isEqualTo(ExportStatus.CANCELLED);
        assertThat(job(onA, id).get("status")).isEqualTo("CANCELLED");
        assertThat(job(onA, id).get("failure")).isEqualTo("Cancelled by " + BULK_ADMIN + ".");
    }

    /** A CSV job of Ana's, stored as RUNNING since {@code created}, 400 of its 1,000 rows written. */
    static ExportJob orphan(String id, Instant created) {
        var request = new ExportJob.Request(id, DemoIdentities.ACME, DemoIdentities.ANA, ExportFormat.CSV,
                created.minus(1, ChronoUnit.DAYS), created, "UTC", ExportLocale.EN, MessageSort.NEWEST_FIRST,
                List.of(ExportColumn.MESSAGE_ID), created, created, created);
        return new ExportJob(request, new ExportJob.State(ExportStatus.RUNNING, 1000L, 1000L, 400, 12_000, null,
                null, created, null, null));
    }

    /**
     * Another instance's version of a job: the same row under a new id, instance and heartbeat. The source's
     * columns are qualified: an alias of the SELECT (the new job_id) would otherwise be what WHERE tests.
     */
    private void copy(String from, String id, String instanceId, Instant heartbeat) {
        store.execute(Sql.of("""
                INSERT INTO rastro.export_jobs
                SELECT * REPLACE ({id:String} AS job_id, {instance:String} AS instance, {version:UInt64} AS version)
                FROM rastro.export_jobs AS src FINAL WHERE src.account_id = {a:String} AND src.job_id = {from:String}""")
                .bind("id", id).bind("instance", instanceId)
                .bind("version", ChronoUnit.MICROS.between(Instant.EPOCH, heartbeat))
                .bind("a", DemoIdentities.ACME).bind("from", from));
    }
}
