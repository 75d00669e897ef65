package io.rastro.graphql;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.rastro.admission.Admission;
import io.rastro.security.CurrentPrincipal;
import io.rastro.security.RastroPrincipal;
import io.rastro.web.ApiException;
import io.rastro.web.LimitExceededException;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the engine work of one GraphQL request. The complexity limit counts fields, not statements: through
 * aliases one request under it ran ~99 report statements. Each field that runs statements is charged, when it
 * runs, the most it may run ({@link #COSTS}); a batched field (a history, a replied-to message) is charged once
 * per place in the document, as its batch runs one statement. A field that would go over
 * {@code rastro.report.max-statements-per-request} is not run and gets LIMIT_EXCEEDED (report fields are non-null,
 * so the answer's data is then null: nothing partial). Fields are charged in the order they start, so at most the
 * budget's statements run before the refusal. Root report fields also take one of the caller's
 * {@link CallerPermits} while they run.
 */
public final class StatementBudget extends SimplePerformantInstrumentation {

    /** Fields that run engine statements, by type and field name, with the most statements each may run. */
    static final Map<String, Integer> COSTS = Map.ofEntries(
            Map.entry("Query.messages", 2), // the page, and the total alone when a page after a cursor is empty
            Map.entry("Query.conversations", 2), // the same
            Map.entry("Query.message", 2), // the row and its history, side by side
            Map.entry("Query.messageCounts", 1),
            Map.entry("Query.quickReplyClicks", 1),
            Map.entry("Query.filterOptions", 3), // campaigns, users, error codes
            Map.entry("Query.funnel", 1),
            Map.entry("Query.failureAnalysis", 2), // per code, and the distinct contacts of all
            Map.entry("Query.marketingFatigue", 1),
            Map.entry("Query.freshness", 1),
            Map.entry("SentMessage.history", 1),
            Map.entry("SentMessage.reply", 1), // reply and replyCount share one batch: charged once each, at most
            Map.entry("SentMessage.replyCount", 1),
            Map.entry("ReceivedMessage.history", 1),
            Map.entry("ReceivedMessage.inReplyTo", 1));

    /**
     * The root fields, which hold a caller permit and a slot of their {@link Admission} lane while they run: pages
     * and lookups in the short lane, whatever aggregates a whole period in the long one. The batched fields
     * (histories, replies) run after their root field gave its slot back, one statement per batch, bounded by the
     * budget but not by the lanes. A root field waiting for its slot holds up the fields after it in the same
     * document, since they run one after another.
     */
    static final Map<String, Admission.Lane> ROOT = Map.of(
            "Query.messages", Admission.Lane.SHORT,
            "Query.conversations", Admission.Lane.SHORT,
            "Query.message", Admission.Lane.SHORT,
            "Query.filterOptions", Admission.Lane.SHORT,
            "Query.messageCounts", Admission.Lane.LONG,
            "Query.quickReplyClicks", Admission.Lane.LONG,
            "Query.funnel", Admission.Lane.LONG,
            "Query.failureAnalysis", Admission.Lane.LONG,
            "Query.marketingFatigue", Admission.Lane.LONG,
            "Query.freshness", Admission.Lane.SHORT);

    private final int budget;
    private final CallerPermits permits;
    private final Admission admission;

    public StatementBudget(int budget, CallerPermits permits, Admission admission) {
        this.budget = budget;
        this.permits = permits;
        this.admission = admission;
    }

    /** One request's spending: statements charged, and the batched fields already charged. */
    static final class Spent implements InstrumentationState {
        final AtomicInteger statements = new AtomicInteger();
        final Set<String> batches = ConcurrentHashMap.newKeySet();
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Spent();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        var info = parameters.getEnvironment().getExecutionStepInfo();
        var key = info.getObjectType().getName() + "." + info.getFieldDefinition().getName();
        var cost = COSTS.get(key);
        if (cost == null || !(state instanceof Spent spent)) {
            return fetcher;
        }
        return env -> {
            var path = env.getExecutionStepInfo().getPath().toString();
            var lane = ROOT.get(key);
            var root = lane != null;
            // a batched field runs one statement for all its places in one list: charged at its first
            if (root || spent.batches.add(key + "@" + path.replaceAll("\\[\\d+]", "[]"))) {
                if (spent.statements.addAndGet(cost) > budget) {
                    throw LimitExceededException.tooLarge(path, "This request asks for more than " + budget
                            + " report statements, the most one request may run; " + path + " was not run. "
                            + "Split the request into several, or ask for fewer fields or aliases in each.");
                }
            }
            return root ? withPermit(fetcher, env, path, lane) : fetcher.get(env);
        };
    }

    private Object withPermit(DataFetcher<?> fetcher, DataFetchingEnvironment env, String path, Admission.Lane lane)
            throws Exception {
        RastroPrincipal caller;
        try {
            caller = CurrentPrincipal.require();
        } catch (ApiException e) {
            return fetcher.get(env); // no caller: the service refuses it anyway
        }
        // the caller's own limit first: a caller over it waits without holding a slot others could use
        permits.acquire(caller.name(), path);
        Admission.Slot slot;
        try {
            slot = admission.enter(lane, caller.accountId(), path);
        } catch (RuntimeException e) {
            permits.release(caller.name());
            throw e;
        }
        Runnable done = () -> {
            slot.close();
            permits.release(caller.name());
        };
        Object result;
        try {
            result = fetcher.get(env);
        } catch (Exception | Error e) {
            done.run();
            throw e;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((r, e) -> done.run());
        } else {
            done.run();
        }
        return result;
    }
}
