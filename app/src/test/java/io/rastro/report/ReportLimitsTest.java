package io.rastro.report;

import io.rastro.Clients;
import io.rastro.demo.DemoIdentities;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine-side limits on report statements: with a tiny row budget, a report over the demo data is stopped by
 * the engine and the caller gets a clear BAD_REQUEST saying what to do, not an engine message.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rastro.report.max-rows-to-read=1000")
@ActiveProfiles("test")
class ReportLimitsTest {

    @LocalServerPort
    int port;

    @Test
    void aStatementOverTheEnginesLimitsIsAClearError() {
        var to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        var period = Map.of("from", to.minus(80, ChronoUnit.DAYS).toString(), "to", to.toString());
        Clients.as(port, DemoIdentities.ANA).documentName("messagesTotal")
                .variable("input", Map.of("filter", Map.of("period", period))).execute().errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getErrorType().toString()).isEqualTo("BAD_REQUEST");
                    assertThat(errors.getFirst().getExtensions()).containsEntry("code", "LIMIT_EXCEEDED");
                    assertThat(errors.getFirst().getMessage()).contains("Narrow the period")
                            .doesNotContain("DB::Exception");
                });
    }
}
