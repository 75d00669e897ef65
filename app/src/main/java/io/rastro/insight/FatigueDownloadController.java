package io.rastro.insight;

import io.rastro.domain.Direction;
import io.rastro.report.MessageFilterInput;
import io.rastro.web.BadRequestException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The marketing-fatigue list as a CSV file, for a suppression list in the sending tool:
 * {@code GET /api/v1/insights/marketing-fatigue.csv?from=…&to=…[&subaccount=…][&campaign=…][&minFailures=2]},
 * authenticated like the API (a person or a read token). The period is bounded like a report's.
 */
@RestController
public class FatigueDownloadController {

    private final Failures failures;

    public FatigueDownloadController(Failures failures) {
        this.failures = failures;
    }

    @GetMapping("/api/v1/insights/marketing-fatigue.csv")
    public void download(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                         @RequestParam(required = false) List<String> subaccount,
                         @RequestParam(required = false) List<String> campaign,
                         @RequestParam(required = false) Integer minFailures,
                         HttpServletResponse response) throws IOException {
        var period = new MessageFilterInput.PeriodInput(instant("from", from), instant("to", to));
        var filter = MessageFilterInput.builder().period(period).direction(Direction.MT).subaccounts(subaccount)
                .campaigns(campaign).build();
        var statement = failures.fatigueCsv(filter, minFailures);
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"rastro-marketing-fatigue.csv\"");
        failures.writeCsv(statement, response.getOutputStream());
    }

    private static OffsetDateTime instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name, "Give the period as ?from=…&to=… in ISO-8601 with an offset, e.g. "
                    + "from=2026-11-01T00:00:00-03:00.");
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
                    + "' is not an ISO-8601 instant with an offset, such as 2026-11-01T00:00:00-03:00.");
        }
    }
}
