package io.rastro.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * message(id): the detail view of one message with its status history. The service runs two statements,
 * {@code ReportQueries.byId} (through {@code Store.queryOne}) and {@code ReportQueries.histories} (through
 * {@code Store.stream}), at the same time; the raw side runs the same two the same way.
 */
final class MessageById extends ReportWorkload {

    private static final Executor SIDE = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public String id() {
        return "id";
    }

    @Override
    public String title() {
        return "message(id) with history";
    }

    @Override
    PostgresSide postgres(BenchContext ctx, Prepared prepared) {
        return new PostgresSide(PostgresPeer.byId(Dataset.TENANT, ctx.dataset().messageId()));
    }

    @Override
    Prepared prepare(BenchContext ctx) {
        var id = ctx.dataset().messageId();
        var byId = ctx.queries().byId(id, ctx.scope(), Documents.columns(Documents.MESSAGE));
        var histories = ctx.queries().histories(ctx.scope().accountId(), List.of(id));
        return new Prepared(Documents.MESSAGE, Map.of("id", id),
                data -> data.path("message").path("history").size(),
                store -> {
                    // as the service does: the history beside the row, not after it
                    var steps = CompletableFuture.supplyAsync(() -> {
                        var n = new long[1];
                        store.stream(histories, row -> n[0]++);
                        return n[0];
                    }, SIDE);
                    var direction = store.queryOne(byId, row -> row.getString("direction"));
                    return direction.map("MT"::equals).orElse(false) ? steps.join() : -1;
                }, List.of(byId, histories), Map.of());
    }
}
