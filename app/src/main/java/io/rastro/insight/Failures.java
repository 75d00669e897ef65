package io.rastro.insight;

import io.rastro.domain.WhatsAppErrors;
import io.rastro.report.MessageFilterInput;
import io.rastro.report.MessageSql;
import io.rastro.report.ReportFilter;
import io.rastro.report.ReportResults.Period;
import io.rastro.report.ReportService;
import io.rastro.security.CurrentPrincipal;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import io.rastro.web.BadRequestException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Failure analysis: the failed sent messages of a filter per WhatsApp error code, classed by what to do about
 * them ({@link WhatsAppErrors}), and the contacts that marketing has tired (repeated 131049 / 131050).
 */
@Service
public class Failures {

    /**
     * A contact's key, the same wherever contacts are counted: the business-scoped user id when there is one
     * (some contacts have no phone at all), else the phone, else the WhatsApp id.
     */
    public static final String CONTACT_KEY =
            "if(contact_bsuid != '', contact_bsuid, if(contact_phone != '', contact_phone, contact_wa_id))";

    /** When a failed message failed; a row written before failed_at was kept has its status time. */
    private static final String FAILED_AT = "coalesce(failed_at, status_at)";

    static final int MAX_FATIGUED = 10_000;

    private final Store store;
    private final ReportService reports;

    public Failures(Store store, ReportService reports) {
        this.store = store;
        this.reports = reports;
    }

    public record FailureAnalysisInput(MessageFilterInput filter, String savedSearchId) {
    }

    public record ErrorCodeFailures(int code, String title, long count, double share, long contacts,
                                    OffsetDateTime firstSeen, OffsetDateTime lastSeen,
                                    WhatsAppErrors.ErrorClass errorClass, String action) {
    }

    public record FailureAnalysis(long failures, long contacts, List<ErrorCodeFailures> codes, Period period) {
    }

    public record MarketingFatigueInput(MessageFilterInput filter, String savedSearchId, Integer minFailures,
                                        Integer first) {
    }

    public record FatiguedContact(String key, String phone, String bsuid, long failures, List<Integer> errorCodes,
                                  OffsetDateTime lastSeen) {
    }

    public record MarketingFatigue(long totalContacts, List<FatiguedContact> contacts, Period period) {
    }

    @PreAuthorize("hasRole('REPORT')")
    public FailureAnalysis analyse(FailureAnalysisInput input) {
        var caller = CurrentPrincipal.require();
        var filter = reports.resolve(input.filter(), input.savedSearchId(), caller, "input.filter");
        var where = MessageSql.where(filter, caller.scope());
        var failed = " FROM " + MessageSql.MESSAGES + " WHERE " + where.clause()
                + " AND direction = 'MT' AND status = 'FAILED'";
        var rows = new ArrayList<Object[]>();
        store.read(where.apply(Sql.of("SELECT error_code, any(error_title) AS title, count() AS c, uniqExact("
                + CONTACT_KEY + ") AS contacts, min(" + FAILED_AT + ") AS first_seen, max(" + FAILED_AT
                + ") AS last_seen" + failed + " GROUP BY error_code ORDER BY c DESC, error_code")), row -> rows.add(
                new Object[] {(int) row.getLong("error_code"), row.getString("title"), row.getLong("c"),
                        row.getLong("contacts"), row.getInstant("first_seen"), row.getInstant("last_seen")}));
        var contacts = store.query(where.apply(Sql.of("SELECT uniqExact(" + CONTACT_KEY + ") AS contacts" + failed)),
                row -> row.getLong("contacts")).getFirst();
        var total = rows.stream().mapToLong(r -> (long) r[2]).sum();
        var codes = rows.stream().map(r -> {
            var code = (int) r[0];
            var classification = WhatsAppErrors.classify(code);
            return new ErrorCodeFailures(code, (String) r[1], (long) r[2],
                    Math.round(10_000d * (long) r[2] / total) / 10_000d, (long) r[3],
                    ((java.time.Instant) r[4]).atOffset(ZoneOffset.UTC), ((java.time.Instant) r[5]).atOffset(ZoneOffset.UTC),
                    classification.errorClass(), classification.action());
        }).toList();
        return new FailureAnalysis(total, contacts, codes, period(filter));
    }

    @PreAuthorize("hasRole('REPORT')")
    public MarketingFatigue fatigue(MarketingFatigueInput input) {
        var caller = CurrentPrincipal.require();
        var filter = reports.resolve(input.filter(), input.savedSearchId(), caller, "input.filter");
        var min = minFailures(input.minFailures());
        var first = input.first() == null ? 100 : input.first();
        if (first < 1 || first > MAX_FATIGUED) {
            throw new BadRequestException("input.first", "Give 1 to " + MAX_FATIGUED
                    + " contacts per answer (" + first + " was asked for); the CSV download has them all.");
        }
        var where = MessageSql.where(filter, caller.scope());
        var contacts = new ArrayList<FatiguedContact>();
        var total = new long[1];
        store.read(where.apply(fatigueSql(where, min, first)), row -> {
            total[0] = row.getLong("total");
            contacts.add(new FatiguedContact(row.getString("contact_key"), emptyToNull(row.getString("phone")),
                    emptyToNull(row.getString("bsuid")), row.getLong("failures"),
                    row.getList("codes").stream().map(c -> ((Number) c).intValue()).sorted().toList(),
                    row.getInstant("last_seen").atOffset(ZoneOffset.UTC)));
        });
        return new MarketingFatigue(total[0], contacts, period(filter));
    }

    /**
     * The statement of the whole list as CSV, validated and scoped for the caller; {@link #writeCsv} runs it. Two
     * steps, so that a bad request is refused before the answer's headers say CSV.
     */
    @PreAuthorize("hasRole('REPORT')")
    public Sql fatigueCsv(MessageFilterInput inline, Integer minFailures) {
        var caller = CurrentPrincipal.require();
        var filter = reports.resolve(inline, null, caller, "filter");
        var where = MessageSql.where(filter, caller.scope());
        var min = minFailures(minFailures);
        var sql = "SELECT contact_key, phone, bsuid, failures, arrayStringConcat(arraySort(codes), ' ') AS error_codes,"
                + " concat(replaceOne(toString(last_seen), ' ', 'T'), 'Z') AS last_seen FROM ("
                + fatigueSql(where, min, Long.MAX_VALUE).text() + ")";
        return where.apply(Sql.of(sql)).bind("min_failures", min);
    }

    /** Writes the engine's CSV of {@link #fatigueCsv} as it reads (no row passes through the heap). */
    public long writeCsv(Sql statement, OutputStream out) {
        return store.streamFormatted(statement, "CSVWithNames", out);
    }

    private static Sql fatigueSql(MessageSql where, int min, long first) {
        return Sql.of("SELECT " + CONTACT_KEY + " AS contact_key, any(contact_phone) AS phone, any(contact_bsuid) AS bsuid,"
                + " count() AS failures, groupUniqArray(error_code) AS codes, max(" + FAILED_AT + ") AS last_seen,"
                + " count() OVER () AS total"
                + " FROM " + MessageSql.MESSAGES + " WHERE " + where.clause()
                + " AND direction = 'MT' AND status = 'FAILED' AND error_code IN (" + codes() + ")"
                + " GROUP BY contact_key HAVING failures >= {min_failures:UInt32}"
                + " ORDER BY failures DESC, last_seen DESC, contact_key"
                + (first == Long.MAX_VALUE ? "" : " LIMIT " + first)).bind("min_failures", min);
    }

    private static String codes() {
        return String.join(", ", WhatsAppErrors.MARKETING_FATIGUE.stream().map(String::valueOf).toList());
    }

    private static int minFailures(Integer asked) {
        var min = asked == null ? 2 : asked;
        if (min < 1 || min > 1000) {
            throw new BadRequestException("input.minFailures", "minFailures is 1 to 1000 (" + min + " was given).");
        }
        return min;
    }

    private static Period period(ReportFilter filter) {
        return new Period(filter.from().atOffset(ZoneOffset.UTC), filter.to().atOffset(ZoneOffset.UTC));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
