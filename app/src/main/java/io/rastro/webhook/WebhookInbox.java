package io.rastro.webhook;

import io.rastro.store.RowBinaryWriter;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook inbox (migration 014): the bodies of a group, byte for byte, stored in one insert before their
 * requests are answered; the mark that the group was applied; and the groups stored but never marked, for recovery.
 */
@Component
class WebhookInbox {

    /** Recovery's lookback once the instance starts: the inbox's TTL (migration 014). */
    static final Duration KEPT = Duration.ofDays(7);

    /** A body as received, and the routes its numbers had then (phone_number_id to account and subaccount). */
    record Body(byte[] bytes, Map<String, Route> routes) {
    }

    /** A group stored and not marked applied. */
    record Pending(String groupId, Instant receivedAt, List<Body> bodies) {
    }

    private final Store store;

    WebhookInbox(Store store) {
        this.store = store;
    }

    /** Stores the group's bodies in one insert; when it returns, they survive the process. */
    void store(String groupId, Instant receivedAt, List<Body> bodies) {
        store(List.of(new Pending(groupId, receivedAt, bodies)));
    }

    /** Stores several groups in one insert (one statement of the engine for all); each is recovered as a whole. */
    void store(List<Pending> groups) {
        var bytes = new ByteArrayOutputStream();
        var w = new RowBinaryWriter(bytes);
        for (var group : groups) {
            var bodies = group.bodies();
            for (int i = 0; i < bodies.size(); i++) {
                var body = bodies.get(i);
                var numbers = List.copyOf(body.routes().keySet());
                w.dateTime64(group.receivedAt()).string(group.groupId()).uint32(i).string(body.bytes()).strings(numbers)
                        .strings(numbers.stream().map(n -> body.routes().get(n).accountId()).toList())
                        .strings(numbers.stream().map(n -> body.routes().get(n).subaccountId()).toList());
            }
        }
        store.insert("INSERT INTO rastro.webhook_inbox (received_at, group_id, seq, body, route_numbers, "
                + "route_accounts, route_subaccounts)", "RowBinary", new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** Marks groups applied: recovery leaves them alone. */
    void applied(List<Pending> groups, Instant at) {
        if (groups.isEmpty()) {
            return;
        }
        var bytes = new ByteArrayOutputStream();
        var w = new RowBinaryWriter(bytes);
        for (var g : groups) {
            w.dateTime64(g.receivedAt()).string(g.groupId()).dateTime64(at);
        }
        store.insert("INSERT INTO rastro.webhook_inbox_applied (received_at, group_id, applied_at)", "RowBinary",
                new ByteArrayInputStream(bytes.toByteArray()));
    }

    /**
     * The groups stored in {@code [since, before)} and not marked applied, oldest first, with their bodies: at most
     * {@code maxGroups} groups (a group holds at most {@code rastro.whatsapp.max-group-events} events).
     */
    List<Pending> pending(Instant since, Instant before, int maxGroups) {
        var window = "received_at >= {since:DateTime64(3, 'UTC')} AND received_at < {before:DateTime64(3, 'UTC')}";
        var ids = store.query(Sql.of("SELECT group_id, min(received_at) AS at FROM rastro.webhook_inbox WHERE "
                        + window + " AND group_id NOT IN (SELECT group_id FROM rastro.webhook_inbox_applied WHERE "
                        + window + ") GROUP BY group_id ORDER BY at, group_id LIMIT {max:UInt32}")
                        .bind("since", since).bind("before", before).bind("max", maxGroups),
                row -> row.getString("group_id"));
        if (ids.isEmpty()) {
            return List.of();
        }
        var groups = new LinkedHashMap<String, Pending>();
        store.stream(Sql.of("SELECT received_at, group_id, body, route_numbers, route_accounts, route_subaccounts "
                        + "FROM rastro.webhook_inbox WHERE " + window
                        + " AND group_id IN {ids:Array(String)} ORDER BY received_at, group_id, seq")
                        .bind("since", since).bind("before", before).bind("ids", ids),
                row -> {
                    List<String> numbers = row.getList("route_numbers");
                    List<String> accounts = row.getList("route_accounts");
                    List<String> subaccounts = row.getList("route_subaccounts");
                    var routes = new java.util.HashMap<String, Route>();
                    for (int i = 0; i < numbers.size(); i++) {
                        routes.put(numbers.get(i), new Route(accounts.get(i), subaccounts.get(i)));
                    }
                    groups.computeIfAbsent(row.getString("group_id"),
                                    id -> new Pending(id, row.getInstant("received_at"), new ArrayList<>()))
                            .bodies().add(new Body(row.getString("body").getBytes(StandardCharsets.UTF_8), routes));
                });
        return List.copyOf(groups.values());
    }
}
