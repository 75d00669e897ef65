package io.rastro.bench;

import java.util.List;
import java.util.Map;

/**
 * message(id): the detail view of one message with its status history. The service runs two statements,
 * {@code ReportQueries.byId} (through {@code Store.queryOne}) and {@code ReportQueries.histories} (through
 * {@code Store.stream}); the raw side runs the same two.
 */
final class MessageById extends ReportWorkload {

    @Override
    public String id() {
        return "id";
    }

    @Override
    public String title() {
        return "message(id) with history";
    }

    @Override
    Prepared prepare(BenchContext ctx) {
        var id = ctx.dataset().messageId();
        var byId = ctx.queries().byId(id, ctx.scope());
        var histories = ctx.queries().histories(ctx.scope().accountId(), List.of(id));
        return new Prepared(Documents.MESSAGE, Map.of("id", id),
                data -> data.path("message").path("history").size(),
                store -> {
                    var direction = store.queryOne(byId, row -> row.getString("direction"));
                    if (!direction.map("MT"::equals).orElse(false)) {
                        return -1;
                    }
                    var steps = new long[1];
                    store.stream(histories, row -> steps[0]++);
                    return steps[0];
                }, List.of(byId, histories), Map.of());
    }
}
