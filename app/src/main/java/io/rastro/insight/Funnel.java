package io.rastro.insight;

import io.rastro.report.Enums.CountDimension;
import io.rastro.report.MessageFilterInput;
import io.rastro.report.MessageSql;
import io.rastro.report.ReportResults.DimensionValue;
import io.rastro.report.ReportResults.Period;
import io.rastro.report.ReportFilter;
import io.rastro.report.ReportService;
import io.rastro.security.CurrentPrincipal;
import io.rastro.security.TenantScope;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import io.rastro.web.BadRequestException;
import io.rastro.web.LimitExceededException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The funnel of sent messages: sent, delivered, read, replied, clicked, with failures beside it. The definitions
 * (in the schema's docs, graphql/insight.graphqls) make every step a subset of the one before, so no step can
 * count more than the one above it, even where webhooks were lost or read receipts are off:
 * a reply proves the message was read, a read proves it was delivered, a delivery proves it was sent.
 */
@Service
public class Funnel {

    static final int MAX_GROUPS = 1000;
    static final int MAX_DIMENSIONS = 3;

    private final Store store;
    private final ReportService reports;

    public Funnel(Store store, ReportService reports) {
        this.store = store;
        this.reports = reports;
    }

    public record FunnelInput(MessageFilterInput filter, String savedSearchId, List<CountDimension> groupBy) {
    }

    /** One group's steps; the rates are each step over the one before it, null when that one is 0. */
    public record FunnelGroup(List<DimensionValue> keys, long messages, long sent, long delivered, long read,
                              long deliveredReadUnknown, long replied, long clicked, long failed) {

        public Double deliveredRate() {
            return rate(delivered, sent);
        }

        public Double readRate() {
            return rate(read, delivered);
        }

        public Double repliedRate() {
            return rate(replied, read);
        }

        public Double clickedRate() {
            return rate(clicked, replied);
        }

        /** Failed over every message, since a failure can come before or after it was sent. */
        public Double failedRate() {
            return rate(failed, messages);
        }

        private static Double rate(long part, long whole) {
            return whole == 0 ? null : Math.round(10_000d * part / whole) / 10_000d;
        }
    }

    public record FunnelReport(FunnelGroup total, List<FunnelGroup> groups, Period period) {
    }

    @PreAuthorize("hasRole('REPORT')")
    public FunnelReport funnel(FunnelInput input) {
        var caller = CurrentPrincipal.require();
        var filter = reports.resolve(input.filter(), input.savedSearchId(), caller, "input.filter");
        var groupBy = input.groupBy() == null ? List.of(CountDimension.CAMPAIGN) : List.copyOf(input.groupBy());
        if (groupBy.size() != groupBy.stream().distinct().count()) {
            throw new BadRequestException("input.groupBy", "Each dimension may appear once in groupBy.");
        }
        if (groupBy.size() > MAX_DIMENSIONS) {
            throw new BadRequestException("input.groupBy", "A funnel groups by at most " + MAX_DIMENSIONS + " dimensions.");
        }
        var statement = statement(filter, caller.scope(), groupBy);
        var groups = new ArrayList<FunnelGroup>();
        store.read(statement, row -> {
            var values = new ArrayList<DimensionValue>();
            for (int i = 0; i < groupBy.size(); i++) {
                values.add(new DimensionValue(groupBy.get(i), row.getString("k" + i)));
            }
            groups.add(new FunnelGroup(values, row.getLong("messages"), row.getLong("sent"), row.getLong("delivered"), row.getLong("read_"),
                    row.getLong("unknown"), row.getLong("replied"), row.getLong("clicked"), row.getLong("failed")));
        });
        if (groups.size() > MAX_GROUPS) {
            throw new LimitExceededException("input.groupBy", "The funnel has more than " + MAX_GROUPS
                    + " groups; group by fewer dimensions or narrow the filter.");
        }
        var total = groupBy.isEmpty() && !groups.isEmpty() ? groups.getFirst() : sum(groups);
        return new FunnelReport(total, groupBy.isEmpty() ? List.of() : groups,
                new Period(filter.from().atOffset(ZoneOffset.UTC), filter.to().atOffset(ZoneOffset.UTC)));
    }

    /** The funnel's one statement for a validated filter in a scope, grouped by {@code groupBy}. */
    public static Sql statement(ReportFilter filter, TenantScope scope, List<CountDimension> groupBy) {
        var where = MessageSql.where(filter, scope);
        var keys = new StringBuilder();
        var group = new StringBuilder();
        for (int i = 0; i < groupBy.size(); i++) {
            keys.append("toString(").append(groupBy.get(i).key).append(") AS k").append(i).append(", ");
            group.append(i == 0 ? "" : ", ").append("k").append(i);
        }
        // the keys are computed inside, so that only the columns the funnel reads are read
        var text = "SELECT " + group + (group.isEmpty() ? "" : ", ") + """
                count() AS messages, countIf(f_sent) AS sent, countIf(f_delivered) AS delivered, countIf(f_read) AS read_,
                countIf(f_delivered AND NOT f_read) AS unknown, countIf(f_replied) AS replied,
                countIf(f_clicked) AS clicked, countIf(status = 'FAILED') AS failed
                FROM (
                  SELECT""" + " " + keys + """
                status,
                    reply_count > 0 AS f_replied,
                    notEmpty(reply_payloads) AS f_clicked,
                    f_replied OR read_at IS NOT NULL OR status IN ('READ', 'PLAYED') AS f_read,
                    f_read OR delivered_at IS NOT NULL OR status = 'DELIVERED' AS f_delivered,
                    f_delivered OR sent_at IS NOT NULL OR status = 'SENT' AS f_sent
                  FROM""" + " " + MessageSql.MESSAGES + "\n  WHERE " + where.clause() + " AND direction = 'MT'\n)"
                + (groupBy.isEmpty() ? "" : "\nGROUP BY " + group + "\nORDER BY sent DESC, " + group)
                + "\nLIMIT " + (MAX_GROUPS + 1);
        return where.apply(Sql.of(text));
    }

    private static FunnelGroup sum(List<FunnelGroup> groups) {
        long messages = 0, sent = 0, delivered = 0, read = 0, unknown = 0, replied = 0, clicked = 0, failed = 0;
        for (var g : groups) {
            messages += g.messages();
            sent += g.sent();
            delivered += g.delivered();
            read += g.read();
            unknown += g.deliveredReadUnknown();
            replied += g.replied();
            clicked += g.clicked();
            failed += g.failed();
        }
        return new FunnelGroup(List.of(), messages, sent, delivered, read, unknown, replied, clicked, failed);
    }
}
