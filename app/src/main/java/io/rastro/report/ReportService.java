package io.rastro.report;

import io.rastro.RastroProperties;
import io.rastro.domain.Direction;
import io.rastro.domain.MessageStatus;
import io.rastro.report.MessageView.MessageError;
import io.rastro.report.MessageView.StatusStep;
import io.rastro.report.ReportRequests.MessageCountsInput;
import io.rastro.report.ReportRequests.MessagesInput;
import io.rastro.report.ReportRequests.QuickReplyClicksInput;
import io.rastro.report.ReportResults.CountGroup;
import io.rastro.report.ReportResults.DimensionValue;
import io.rastro.report.ReportResults.MessageConnection;
import io.rastro.report.ReportResults.MessageCountReport;
import io.rastro.report.ReportResults.Period;
import io.rastro.report.ReportResults.QuickReplyClickCount;
import io.rastro.security.CurrentPrincipal;
import io.rastro.security.RastroPrincipal;
import io.rastro.store.Store;
import io.rastro.web.BadRequestException;
import io.rastro.web.LimitExceededException;
import io.rastro.web.NotFoundException;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The report operations. Every method derives the tenant scope from the authenticated principal; no argument can
 * name or widen it.
 */
@Service
public class ReportService {

    /** The zone of a request that names none. A region, not ZoneOffset.UTC: the engine knows "UTC", not "Z". */
    private static final ZoneId UTC = ZoneId.of("UTC");

    /**
     * The region ids java.time knows (the IANA database's, plus its own SystemV aliases), taken once:
     * {@code ZoneId.getAvailableZoneIds()} copies its ~600 ids into a new set on every call.
     */
    private static final Set<String> REGION_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

    private final Store store;
    private final ReportQueries queries;
    private final FilterValidator validator;
    private final Directory directory;
    private final ObjectProvider<SavedFilters> savedFilters;
    private final RastroProperties.Report limits;

    public ReportService(Store store, ReportQueries queries, FilterValidator validator, Directory directory,
                         ObjectProvider<SavedFilters> savedFilters, RastroProperties properties) {
        this.store = store;
        this.queries = queries;
        this.validator = validator;
        this.directory = directory;
        this.savedFilters = savedFilters;
        this.limits = properties.report();
    }

    /** Statements a request runs beside its main one (a message's history); they wait on the engine, not the CPU. */
    private final ExecutorService sideReads = Executors.newVirtualThreadPerTaskExecutor();

    @PreDestroy
    void close() {
        sideReads.shutdownNow();
    }

    /**
     * The filter a request runs: the inline filter over the saved search's (inline fields win), validated
     * against the caller's scope.
     */
    public ReportFilter resolve(MessageFilterInput inline, String savedSearchId, RastroPrincipal caller, String field) {
        var effective = inline == null ? MessageFilterInput.empty() : inline;
        if (savedSearchId != null) {
            var provider = savedFilters.getIfAvailable();
            if (provider == null) {
                throw new NotFoundException("savedSearchId", "Saved searches are not available.");
            }
            effective = effective.over(provider.resolve(savedSearchId, caller));
        }
        return validator.validate(effective, caller.scope(), field);
    }

    @PreAuthorize("hasRole('REPORT')")
    public MessageConnection messages(MessagesInput input) {
        return messages(input, MessageColumns.ALL);
    }

    /** A page whose rows hold only {@code columns} (what the request selects, {@link MessageColumns#forFields}). */
    @PreAuthorize("hasRole('REPORT')")
    public MessageConnection messages(MessagesInput input, Set<MessageColumns.Column> columns) {
        var caller = CurrentPrincipal.require();
        var filter = resolve(input.filter(), input.savedSearchId(), caller, "input.filter");
        var limit = pageSize(input.first());
        var after = input.after() == null || input.after().isBlank() ? null : Cursor.decode(input.after(), "input.after");
        var names = directory.subaccountNames(caller.accountId());
        var rows = new ArrayList<MessageView>();
        var total = new AtomicLong(-1);
        store.read(queries.page(filter, caller.scope(), after, limit, input.sort(), columns), row -> {
            total.set(row.getLong("total_count"));
            rows.add(MessageColumns.map(row, names, columns));
        });
        if (total.get() < 0) {
            total.set(after == null ? 0 : store.query(queries.count(filter, caller.scope()),
                    row -> row.getLong("total_count")).getFirst());
        }
        var page = Pages.of(rows, limit, m -> new Cursor(m.at().toInstant(), m.id()));
        return new MessageConnection(total.get(), page.edges(), page.pageInfo(), period(filter));
    }

    /** A message and, when asked for, its history (null otherwise). */
    public record MessageWithHistory(MessageView message, List<StatusStep> history) {
    }

    /**
     * One message by id, and its history when the request selects it. The two statements are independent (the
     * history is keyed by the id alone), so they run at the same time: the detail view waits for the slower of
     * the two instead of their sum. The history is read under the caller's account before the message is known
     * to be visible, and thrown away when it is not. Only {@code columns} of the row are read.
     */
    @PreAuthorize("hasRole('REPORT')")
    public MessageWithHistory message(String id, boolean withHistory, Set<MessageColumns.Column> columns) {
        var caller = CurrentPrincipal.require();
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new BadRequestException("id", "A message id such as wamid.HBgL... is required.");
        }
        var key = id.strip();
        FilterValidator.refuseControlCharacters(key, "id");
        var history = withHistory
                ? CompletableFuture.supplyAsync(() -> readHistories(caller.accountId(), List.of(key)), sideReads)
                : null;
        var names = directory.subaccountNames(caller.accountId());
        var message = store.queryOne(queries.byId(key, caller.scope(), columns),
                        row -> MessageColumns.map(row, names, columns))
                .orElseThrow(() -> new NotFoundException("id", "No message with id '" + id + "' is visible to you."));
        if (history == null) {
            return new MessageWithHistory(message, null);
        }
        try {
            return new MessageWithHistory(message, historyOf(message, history.join()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Histories for a batch of visible messages, in time order; an MO message has one RECEIVED step. */
    @PreAuthorize("hasRole('REPORT')")
    public Map<MessageView, List<StatusStep>> histories(List<MessageView> messages) {
        var caller = CurrentPrincipal.require();
        var sentIds = messages.stream().filter(m -> m instanceof MessageView.SentMessage).map(MessageView::id).toList();
        var byId = sentIds.isEmpty() ? Map.<String, List<StatusStep>>of() : readHistories(caller.accountId(), sentIds);
        var out = new LinkedHashMap<MessageView, List<StatusStep>>();
        for (var m : messages) {
            out.put(m, historyOf(m, byId));
        }
        return out;
    }

    private static List<StatusStep> historyOf(MessageView message, Map<String, List<StatusStep>> byId) {
        return message instanceof MessageView.ReceivedMessage
                ? List.of(new StatusStep(MessageStatus.RECEIVED, message.at(), null))
                : byId.getOrDefault(message.id(), List.of());
    }

    /** The status steps of these ids within one account (the caller's, resolved by the caller of this method). */
    private Map<String, List<StatusStep>> readHistories(String accountId, List<String> ids) {
        var byId = new HashMap<String, List<StatusStep>>();
        store.read(queries.histories(accountId, ids), row -> {
            var code = row.getLong("error_code");
            byId.computeIfAbsent(row.getString("message_id"), k -> new ArrayList<>()).add(new StatusStep(
                    MessageStatus.valueOf(row.getString("status")),
                    MessageColumns.time(row.getInstant("status_at")),
                    code == 0 ? null : new MessageError((int) code, row.getString("error_title"))));
        });
        return byId;
    }

    /**
     * The sent messages that received messages answer, when visible to the caller: one statement for the whole
     * batch of replies, not one per reply.
     */
    @PreAuthorize("hasRole('REPORT')")
    public Map<MessageView.ReceivedMessage, MessageView.SentMessage> repliedTo(List<MessageView.ReceivedMessage> replies) {
        var caller = CurrentPrincipal.require();
        var ids = replies.stream().map(MessageView.ReceivedMessage::inReplyToId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        var out = new LinkedHashMap<MessageView.ReceivedMessage, MessageView.SentMessage>();
        if (ids.isEmpty()) {
            return out;
        }
        var names = directory.subaccountNames(caller.accountId());
        var sent = new HashMap<String, MessageView.SentMessage>();
        store.read(queries.byIds(ids, caller.scope()), row -> {
            // a reply's context id pointing at another MO is not a sent message: the link stays null
            if (MessageColumns.map(row, names) instanceof MessageView.SentMessage message) {
                sent.put(message.id(), message);
            }
        });
        for (var reply : replies) {
            var message = reply.inReplyToId() == null ? null : sent.get(reply.inReplyToId());
            if (message != null) {
                out.put(reply, message);
            }
        }
        return out;
    }

    @PreAuthorize("hasRole('REPORT')")
    public MessageCountReport counts(MessageCountsInput input) {
        var caller = CurrentPrincipal.require();
        var filter = resolve(input.filter(), input.savedSearchId(), caller, "input.filter");
        var zone = zone(input.timeZone());
        var groupBy = input.groupBy() == null ? List.<Enums.CountDimension>of() : List.copyOf(input.groupBy());
        if (groupBy.size() != groupBy.stream().distinct().count()) {
            throw new BadRequestException("input.groupBy", "Each dimension may appear once in groupBy.");
        }
        var groups = new ArrayList<CountGroup>();
        var total = new AtomicLong();
        readCounts(queries.counts(filter, caller.scope(), groupBy, input.bucket(), zone), groupBy, input, zone,
                groups, total);
        if (groups.size() > limits.maxGroups()) {
            // the statement returns one group past the cap when there are more (ReportQueries.capGroups)
            throw tooManyGroups();
        }
        return new MessageCountReport(total.get(), groups, period(filter));
    }

    private LimitExceededException tooManyGroups() {
        return LimitExceededException.tooLarge("input.groupBy", "These counts have more than " + limits.maxGroups()
                + " groups, the most one request may return. Use a coarser bucket (DAY instead of HOUR, WEEK, MONTH), "
                + "fewer dimensions in groupBy, or a shorter period.");
    }

    private void readCounts(io.rastro.store.Sql statement, List<Enums.CountDimension> groupBy, MessageCountsInput input,
                            ZoneId zone, List<CountGroup> groups, AtomicLong total) {
        store.read(statement, row -> {
            var keys = new ArrayList<DimensionValue>();
            for (int i = 0; i < groupBy.size(); i++) {
                keys.add(new DimensionValue(groupBy.get(i), row.getString("k" + i)));
            }
            var count = row.getLong("c");
            total.addAndGet(count);
            groups.add(new CountGroup(input.bucket() == null ? null
                    : row.getInstant("bucket").atZone(zone).toOffsetDateTime(), keys, count));
        });
    }

    @PreAuthorize("hasRole('REPORT')")
    public List<QuickReplyClickCount> quickReplyClicks(QuickReplyClicksInput input) {
        var caller = CurrentPrincipal.require();
        var inline = MessageFilterInput.builder().period(input.period()).direction(Direction.MO).subaccounts(input
                .subaccounts()).campaigns(input.campaigns()).build();
        var filter = validator.validate(inline, caller.scope(), "input");
        return store.query(queries.quickReplyClicks(filter, caller.scope()), row -> {
            var campaignId = row.getString("campaign_id");
            return new QuickReplyClickCount(
                    campaignId.isEmpty() ? null : new MessageView.Campaign(campaignId, row.getString("campaign_name")),
                    new MessageView.QuickReplyButton(row.getString("button_payload"), row.getString("button_text")),
                    row.getLong("c"), row.getLong("contacts"));
        });
    }

    public int pageSize(Integer first) {
        if (first == null) {
            return limits.defaultPageSize();
        }
        if (first < 1 || first > limits.maxPageSize()) {
            throw new BadRequestException("input.first", "Pages hold 1 to " + limits.maxPageSize()
                    + " rows; " + first + " was asked for. Use an export for more rows at once.");
        }
        return first;
    }

    public static ZoneId zone(String timeZone) {
        return zone(timeZone, "input.timeZone");
    }

    /**
     * A request's time zone: an IANA zone the engine can read, UTC when none is given. The engine reads zones from
     * the IANA database only. java.time also takes offsets (+05:00, UTC+05:00) and its own SystemV aliases; bound
     * as they were, the engine failed the statement (an internal error), so they are refused here, naming
     * {@code field}.
     */
    public static ZoneId zone(String timeZone, String field) {
        if (timeZone == null || timeZone.isBlank()) {
            return UTC;
        }
        var id = timeZone.strip();
        ZoneId zone;
        try {
            zone = ZoneId.of(id);
        } catch (DateTimeException e) {
            throw notAZone(field, id, "");
        }
        if (zone.getRules().isFixedOffset() && !REGION_IDS.contains(id)) {
            var hours = zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() / 3600d;
            throw notAZone(field, id, hours == 0 ? " Use UTC."
                    : hours == Math.rint(hours) && hours >= -12 && hours <= 14
                    // the Etc zones' signs are POSIX's: Etc/GMT-5 is five hours ahead of UTC
                    ? " For a fixed offset use its Etc zone, e.g. Etc/GMT" + (hours > 0 ? "-" : "+")
                    + (int) Math.abs(hours) + "." : "");
        }
        if (!REGION_IDS.contains(zone.getId()) || zone.getId().startsWith("SystemV/")) {
            throw notAZone(field, id, "");
        }
        return zone;
    }

    private static BadRequestException notAZone(String field, String id, String hint) {
        return new BadRequestException(field, "'" + (id.length() > 40 ? id.substring(0, 40) + "…" : id)
                + "' is not an IANA time zone such as America/Sao_Paulo or UTC." + hint);
    }

    static Period period(ReportFilter filter) {
        return new Period(MessageColumns.time(filter.from()), MessageColumns.time(filter.to()));
    }
}
