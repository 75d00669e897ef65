package io.rastro.ingest;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes realistic ingestion traffic for one account as NDJSON, in the format POST /api/v1/events takes: each MT
 * followed by its status updates (a few SENT updates arrive before their MT, as they do in production), and
 * quick-reply taps (MO) answering some read campaign messages. Every message is a pure function of (seed, its
 * number), so the same plan writes the same bytes; the benchmark and the tests use it.
 *
 * <p>The mix follows the demo's: read ~55%, delivered ~30%, sent ~5%, failed ~10% with WhatsApp error codes.
 * Times run from {@code start} at {@code spacing} per message: keep them in the past (the endpoint refuses
 * events more than a day ahead).
 */
public final class EventStreamGenerator {

    /**
     * @param seed        same seed, same events
     * @param idPrefix    the start of every message id (e.g. {@code wamid.GEN-1}); ids are prefix-number
     * @param subaccounts the account's subaccounts to spread messages over (at least one)
     * @param start       the first message's time
     * @param spacing     time between consecutive messages
     */
    public record Plan(long seed, String idPrefix, List<String> subaccounts, Instant start, Duration spacing) {
        public Plan {
            if (subaccounts == null || subaccounts.isEmpty()) {
                throw new IllegalArgumentException("a plan needs at least one subaccount");
            }
            subaccounts = List.copyOf(subaccounts);
        }
    }

    /** What was written: lines in all, and how many of them were MT, status and MO events. */
    public record Counts(long lines, long sent, long statuses, long received) {
    }

    private record GenCampaign(String id, String name, String template, List<String[]> buttons) {
    }

    private static final List<GenCampaign> CAMPAIGNS = List.of(
            new GenCampaign("cmp-gen-promo", "Generated promo", "gen_promo",
                    List.of(new String[] {"GEN_YES", "Quero"}, new String[] {"GEN_NO", "Não, obrigado"})),
            new GenCampaign("cmp-gen-reminder", "Generated reminder", "gen_reminder",
                    List.of(new String[] {"REM_OK", "Confirmar"}, new String[] {"REM_LATER", "Mais tarde"})),
            new GenCampaign("cmp-gen-otp", "Generated codes", "gen_code", List.of()));
    private static final int[] ERROR_CODES = {131026, 131047, 131049, 131050};
    private static final String[] ERROR_TITLES = {"Message undeliverable", "Re-engagement message",
            "Message not delivered to maintain healthy ecosystem engagement", "User stopped marketing messages"};

    private static final JsonMapper JSON = JsonMapper.shared();

    private EventStreamGenerator() {
    }

    /** Writes exactly {@code lines} lines (the last message may be cut short) and returns what they were. */
    public static Counts write(Plan plan, long lines, OutputStream out) {
        var sink = new Sink(out, lines);
        for (long n = 0; !sink.full(); n++) {
            message(plan, n, sink);
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Counts(sink.written, sink.sent, sink.statuses, sink.received);
    }

    private static void message(Plan plan, long n, Sink sink) {
        var r = new SplittableRandom(plan.seed() * 0x9E3779B97F4A7C15L + n);
        var id = plan.idPrefix() + "-" + n;
        var at = plan.start().plus(plan.spacing().multipliedBy(n));
        var subaccount = plan.subaccounts().get(r.nextInt(plan.subaccounts().size()));
        var campaign = r.nextInt(100) < 60 ? CAMPAIGNS.get(r.nextInt(CAMPAIGNS.size())) : null;
        var contentType = campaign != null ? "TEMPLATE" : new String[] {"TEXT", "TEXT", "TEXT", "IMAGE", "DOCUMENT"}[r.nextInt(5)];
        var local = 10_000_000 + r.nextInt(90_000_000);
        var area = 11 + r.nextInt(89);
        var phone = "+55 " + area + " 9" + (local / 10_000) + "-" + String.format("%04d", local % 10_000);
        var waId = "55" + area + "9" + local;
        var bsuid = r.nextInt(100) < 30 ? "BR." + (1_000_000_000L + r.nextLong(9_000_000_000L)) : null;
        var s = r.nextInt(1000);
        var outcome = s < 550 ? "READ" : s < 850 ? "DELIVERED" : s < 900 ? "SENT" : "FAILED";
        var sentAt = at.plusMillis(800 + r.nextInt(4000));
        var sentFirst = r.nextInt(100) < 5;

        var contact = JSON.createObjectNode().put("phone", phone).put("waId", waId);
        if (bsuid != null) {
            contact.put("bsuid", bsuid);
        }
        var mt = JSON.createObjectNode().put("type", "mt").put("id", id).put("at", at.toString())
                .put("subaccount", subaccount).put("contentType", contentType);
        if (campaign != null) {
            mt.putObject("campaign").put("id", campaign.id()).put("name", campaign.name());
            mt.putObject("template").put("name", campaign.template()).put("language", "pt_BR");
            mt.put("text", "Olá! Mensagem " + n + " da campanha " + campaign.name() + ".");
        } else {
            mt.put("text", "Seu pedido " + n + " foi confirmado.");
        }
        mt.set("contact", contact);
        mt.put("sentWithSession", campaign == null);
        if (r.nextInt(100) < 40) {
            mt.put("correlationId", "ord-" + plan.seed() + "-" + n);
        }
        mt.putObject("conversation").put("id", "conv-" + plan.seed() + "-" + waId + "-" + at.getEpochSecond() / 86_400)
                .put("type", campaign != null ? "BUSINESS_INITIATED" : "USER_INITIATED");
        mt.put("pricingCategory", campaign != null ? "marketing" : "service");

        var sent = status(id, "SENT", sentAt);
        if (sentFirst) {
            sink.status(sent);
            sink.sent(mt);
        } else {
            sink.sent(mt);
            sink.status(sent);
        }
        switch (outcome) {
            case "FAILED" -> {
                var e = r.nextInt(ERROR_CODES.length);
                var failed = status(id, "FAILED", sentAt.plusMillis(1000 + r.nextInt(28_000)));
                failed.putObject("error").put("code", ERROR_CODES[e]).put("title", ERROR_TITLES[e]);
                sink.status(failed);
            }
            case "DELIVERED", "READ" -> {
                var deliveredAt = sentAt.plusMillis(500 + r.nextInt(60_000));
                sink.status(status(id, "DELIVERED", deliveredAt));
                if (outcome.equals("READ")) {
                    var readAt = deliveredAt.plusMillis(r.nextInt(3_600_000));
                    sink.status(status(id, "READ", readAt));
                    if (campaign != null && !campaign.buttons().isEmpty() && r.nextInt(100) < 25) {
                        var button = campaign.buttons().get(r.nextInt(campaign.buttons().size()));
                        var mo = JSON.createObjectNode().put("type", "mo").put("id", plan.idPrefix() + "-R" + n)
                                .put("at", readAt.plusMillis(30_000 + r.nextInt(600_000)).toString())
                                .put("subaccount", subaccount).put("contentType", "BUTTON").put("text", button[1]);
                        mo.putObject("campaign").put("id", campaign.id()).put("name", campaign.name());
                        mo.set("contact", contact.deepCopy());
                        mo.putObject("button").put("payload", button[0]).put("text", button[1]);
                        mo.put("replyTo", id);
                        mo.set("conversation", mt.get("conversation").deepCopy());
                        sink.received(mo);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static ObjectNode status(String id, String status, Instant at) {
        return JSON.createObjectNode().put("type", "status").put("id", id).put("status", status).put("at", at.toString());
    }

    /** Writes lines until the budget is spent, counting them by kind. */
    private static final class Sink {
        private final OutputStream out;
        private final long budget;
        private long written;
        private long sent;
        private long statuses;
        private long received;

        Sink(OutputStream out, long budget) {
            this.out = out;
            this.budget = budget;
        }

        boolean full() {
            return written >= budget;
        }

        void sent(ObjectNode node) {
            if (line(node)) {
                sent++;
            }
        }

        void status(ObjectNode node) {
            if (line(node)) {
                statuses++;
            }
        }

        void received(ObjectNode node) {
            if (line(node)) {
                received++;
            }
        }

        private boolean line(ObjectNode node) {
            if (full()) {
                return false;
            }
            try {
                out.write(JSON.writeValueAsBytes(node));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written++;
            return true;
        }
    }
}
