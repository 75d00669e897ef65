package io.rastro.demo;

import io.rastro.freshness.Freshness;
import io.rastro.ingest.StatusRecompute;
import io.rastro.store.Sql;
import io.rastro.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates realistic, seeded WhatsApp traffic inside the engine: each message's attributes are pure functions
 * of (seed, message number), so the same plan gives the same data, and rows never pass through the JVM (the
 * fast path loads at engine speed). Per chunk: MT messages into a staging table, then from it the messages, their
 * status histories, and MO replies (a quarter of read messages get one; a tap on a quick-reply button when the
 * template had buttons, free text otherwise).
 *
 * <p>The mix follows WhatsApp's: read ~55%, delivered ~30%, sent ~5%, failed ~10% with real error codes;
 * free-form messages only inside an open 24 h window; conversations per contact and 24 h window (72 h for free
 * entry points); correlation ids on ~40%; Brazilian and Latin-American numbers, some contacts with a BSUID and
 * a few (usernames) without a phone.
 */
public final class DemoGenerator {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DemoGenerator.class);

    /** Rows per chunk: the staging table lives in memory, so a chunk is bounded (~1 GB in the engine at most). */
    private static final long CHUNK = 1_000_000;

    private final Store store;

    public DemoGenerator(Store store) {
        this.store = store;
    }

    /**
     * What to generate.
     *
     * @param messages MT messages to generate (MO replies come on top, ~13% more)
     * @param seed     same seed, same data
     * @param days     how far back from {@code now} the traffic goes
     * @param now      the end of the generated period
     * @param tenants  accounts with their traffic share (per mille, summing to 1000)
     */
    public record Plan(long messages, long seed, int days, Instant now, List<TenantShare> tenants) {

        public static List<TenantShare> demoTenants() {
            return List.of(new TenantShare(DemoIdentities.TENANTS.get(0), 600),
                    new TenantShare(DemoIdentities.TENANTS.get(1), 400));
        }

        /**
         * The benchmark's skew: Acme carries ~20% of the traffic and {@code others} synthetic accounts share the rest.
         */
        public static List<TenantShare> benchTenants(int others) {
            var out = new ArrayList<TenantShare>();
            out.add(new TenantShare(DemoIdentities.TENANTS.get(0), 200));
            var globex = DemoIdentities.TENANTS.get(1);
            var remaining = 800;
            for (int i = 0; i < others; i++) {
                var share = i == others - 1 ? remaining : 800 / others;
                remaining -= share;
                var id = i == 0 ? globex.id() : "acct-%03d".formatted(i);
                out.add(new TenantShare(new DemoIdentities.Tenant(id, id, globex.subaccounts().stream()
                        .map(s -> new String[] {s[0].replace("globex", id), s[1]}).toList(), globex.users(),
                        globex.campaigns().stream().map(c -> new DemoIdentities.Campaign(
                                c.id().replace("globex", id), c.name(), c.subaccount().replace("globex", id),
                                c.template(), c.category(), c.body(), c.buttons())).toList()), share));
            }
            return out;
        }
    }

    public record TenantShare(DemoIdentities.Tenant tenant, int perMille) {
    }

    public boolean isEmpty() {
        return store.query(Sql.of("SELECT count() AS c FROM rastro.messages"), r -> r.getLong("c")).getFirst() == 0;
    }

    /** Generates the plan's traffic; returns the number of messages written (MT and MO). */
    public long generate(Plan plan) {
        store.execute(Sql.of("DROP TABLE IF EXISTS rastro.gen_staging"));
        store.execute(Sql.of("DROP TABLE IF EXISTS rastro.gen_replies"));
        // In memory: the chunk is written once to disk (into messages), not twice.
        store.execute(Sql.of("CREATE TABLE rastro.gen_staging AS rastro.messages ENGINE = Memory"));
        store.execute(Sql.of("CREATE TABLE rastro.gen_replies AS rastro.messages ENGINE = Memory"));
        long written = 0;
        var repliesBefore = countReplies();
        try {
            for (long start = 0; start < plan.messages(); start += CHUNK) {
                var count = Math.min(CHUNK, plan.messages() - start);
                store.execute(Sql.of("TRUNCATE TABLE rastro.gen_staging"));
                store.execute(Sql.of("TRUNCATE TABLE rastro.gen_replies"));
                var t0 = System.nanoTime();
                store.execute(bind(Sql.of(MT_SQL), plan).bind("start", start).bind("count", count));
                store.execute(bind(Sql.of(MO_SQL), plan));
                var t1 = System.nanoTime();
                // each sent message with the reply state of the replies made for it, as the recompute counts it
                store.execute(parallel(Sql.of("""
                        INSERT INTO rastro.messages
                        SELECT g.* REPLACE (r.replies AS reply_count, r.payloads AS reply_payloads)
                        FROM rastro.gen_staging AS g
                        LEFT JOIN (SELECT reply_to_message_id AS replied_id,\s""" + StatusRecompute.REPLY_STATE + """

                                   FROM rastro.gen_replies GROUP BY replied_id) AS r
                               ON r.replied_id = g.message_id""")));
                var t2 = System.nanoTime();
                store.execute(parallel(Sql.of(HISTORY_SQL)));
                var t3 = System.nanoTime();
                store.execute(parallel(Sql.of("INSERT INTO rastro.messages SELECT * FROM rastro.gen_replies")));
                var t4 = System.nanoTime();
                log.debug("chunk of {}: generate {} ms, messages {} ms, histories {} ms, replies {} ms", count,
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
                written += count;
            }
            // only the replies this run wrote, not those already in the store
            written += countReplies() - repliesBefore;
            // generated straight into the store: no batch to acknowledge, so the watermark is what is stored
            new Freshness(store).advanceFromStored(Freshness.DEMO, Instant.now());
        } finally {
            store.execute(Sql.of("DROP TABLE IF EXISTS rastro.gen_staging"));
            store.execute(Sql.of("DROP TABLE IF EXISTS rastro.gen_replies"));
        }
        return written;
    }

    /**
     * Inserts use every core (by default an INSERT ... SELECT writes on one thread), and a chunk spans every day of
     * the plan, so it may touch more daily partitions than the default cap of 100 per insert. The lookup view's
     * rows are written beside the messages instead of after them: that view turns 1M messages into ~4.7M lookup
     * rows, and writing them after the messages took most of a chunk (21 s of 29 s; beside them, 13 s). Generated
     * keys are unique by construction, so the pass that collapses equal keys within an inserted block is skipped
     * (13-17 s -> 11 s); the tables still collapse any duplicate when they merge.
     */
    private static Sql parallel(Sql sql) {
        return sql.setting("max_insert_threads", Runtime.getRuntime().availableProcessors())
                .setting("max_partitions_per_insert_block", 0)
                .setting("parallel_view_processing", 1)
                .setting("optimize_on_insert", 0);
    }

    private long countReplies() {
        return store.query(Sql.of("SELECT count() AS c FROM rastro.messages WHERE direction = 'MO'"),
                r -> r.getLong("c")).getFirst();
    }

    /**
     * Compacts what a generation wrote: a generated history is settled, so every day becomes one part now and
     * reports read it without merging versions (the Compactor would get there too, a few days at a time). Kept
     * apart from {@link #generate} so that measuring load speed does not measure a rewrite of the whole table.
     */
    public void compact() {
        try {
            store.execute(Sql.of("OPTIMIZE TABLE rastro.messages FINAL"));
            store.execute(Sql.of("OPTIMIZE TABLE rastro.message_keys FINAL"));
        } catch (io.rastro.store.StoreException e) {
            // In cluster mode these are Distributed tables, which cannot be optimised: the shards' own merges
            // settle the generated days instead, and reads merge what is not settled yet.
            log.info("Demo data not compacted: {}", e.getMessage());
        }
    }

    private static Sql bind(Sql sql, Plan plan) {
        var accounts = new ArrayList<String>();
        var cumulative = new ArrayList<Integer>();
        var subs = new ArrayList<List<String>>();
        var users = new ArrayList<List<String>>();
        var campaigns = new ArrayList<List<String>>();
        var names = new ArrayList<List<String>>();
        var campaignSubs = new ArrayList<List<String>>();
        var templates = new ArrayList<List<String>>();
        var categories = new ArrayList<List<String>>();
        var bodies = new ArrayList<List<String>>();
        var flatCampaigns = new ArrayList<String>();
        var payloads = new ArrayList<List<String>>();
        var texts = new ArrayList<List<String>>();
        var sum = 0;
        for (var share : plan.tenants()) {
            var t = share.tenant();
            sum += share.perMille();
            accounts.add(t.id());
            cumulative.add(sum);
            subs.add(t.subaccounts().stream().map(s -> s[0]).toList());
            users.add(t.users());
            campaigns.add(t.campaigns().stream().map(DemoIdentities.Campaign::id).toList());
            names.add(t.campaigns().stream().map(DemoIdentities.Campaign::name).toList());
            campaignSubs.add(t.campaigns().stream().map(DemoIdentities.Campaign::subaccount).toList());
            templates.add(t.campaigns().stream().map(DemoIdentities.Campaign::template).toList());
            categories.add(t.campaigns().stream().map(DemoIdentities.Campaign::category).toList());
            bodies.add(t.campaigns().stream().map(DemoIdentities.Campaign::body).toList());
            for (var c : t.campaigns()) {
                flatCampaigns.add(c.id());
                payloads.add(c.buttons().stream().map(DemoIdentities.Button::payload).toList());
                texts.add(c.buttons().stream().map(DemoIdentities.Button::text).toList());
            }
        }
        return sql.bind("seed", plan.seed()).bind("now", plan.now()).bind("span_ms", plan.days() * 86_400_000L)
                .bind("total", plan.messages()).bind("acc", accounts).bind("acc_cum", cumulative)
                .bind("subs", subs).bind("users", users).bind("camp", campaigns).bind("camp_name", names)
                .bind("camp_sub", campaignSubs).bind("camp_tpl", templates).bind("camp_cat", categories)
                .bind("camp_body", bodies).bind("all_camp", flatCampaigns).bind("btn_payload", payloads)
                .bind("btn_text", texts);
    }

    private static final String MT_SQL = """
            INSERT INTO rastro.gen_staging
            SELECT account_id, event_time, message_id, 'MT' AS direction, subaccount_id, user_id, campaign_id,
                   campaign_name, content_type, template_name, template_language, text, contact_phone, contact_wa_id,
                   contact_bsuid, sent_with_session, correlation_id, conversation_id, conversation_type,
                   conversation_expires_at, pricing_category, '' AS button_payload, '' AS button_text,
                   '' AS reply_to_message_id, status,
                   assumeNotNull(multiIf(status = 'READ', read_at, status = 'DELIVERED', delivered_at, status = 'FAILED', failed_at,
                                status = 'SENT', sent_at, toNullable(event_time))) AS status_at,
                   sent_at, delivered_at, read_at, failed_at, error_code, error_title,
                   now64(3) AS ingested_at, toUInt64(0) AS version,
                   -- pricing arrives with the sent and later status webhooks: per-message pricing (PMP), free in
                   -- a free entry point's window, and free for service and utility messages inside a service window
                   if(priced, 'PMP', '') AS pricing_model,
                   if(priced, multiIf(conversation_type = 'FREE_ENTRY_POINT', 'free_entry_point',
                                      sent_with_session AND pricing_category IN ('service', 'utility'),
                                      'free_customer_service', 'regular'), '') AS pricing_type,
                   if(priced, toNullable(pricing_type = 'regular'), NULL) AS pricing_billable,
                   -- a media message's id and type, as the platform's upload gave them
                   if(content_type IN ('IMAGE', 'DOCUMENT', 'VIDEO', 'AUDIO'), toString(1000000000000000 + h6 % 8999999999999999), '') AS media_id,
                   multiIf(content_type = 'IMAGE', 'image/jpeg', content_type = 'DOCUMENT', 'application/pdf',
                           content_type = 'VIDEO', 'video/mp4', content_type = 'AUDIO', 'audio/ogg', '') AS media_mime_type,
                   -- the name the platform knows its customer by, which its WhatsApp profile shows too
                   concat(first_name, ' ', ['Souza', 'Silva', 'Oliveira', 'Pereira', 'Gómez', 'Rodríguez', 'Lima', 'Costa'][1 + (ci DIV 8) % 8]) AS contact_name,
                   -- the reply state comes from the replies (generate: the join with gen_replies)
                   toUInt32(0) AS reply_count, CAST([] AS Array(String)) AS reply_payloads
            FROM
            (
                SELECT
                    number AS n,
                    {seed:UInt64} AS seed,
                    cityHash64(seed, n, 1) AS h1, cityHash64(seed, n, 2) AS h2, cityHash64(seed, n, 3) AS h3,
                    cityHash64(seed, n, 4) AS h4, cityHash64(seed, n, 5) AS h5, cityHash64(seed, n, 6) AS h6,
                    arrayFirstIndex(w -> (h1 % 1000) < w, {acc_cum:Array(UInt32)}) AS ai,
                    {acc:Array(String)}[ai] AS account_id,
                    h2 % greatest(toUInt64(50), intDiv({total:UInt64}, 8)) AS ci,
                    toDateTime64({now:DateTime64(3, 'UTC')} - toIntervalMillisecond(h3 % {span_ms:UInt64}), 3, 'UTC') AS event_time,
                    concat('wamid.HBgM', upper(hex(cityHash64(seed, n, 20))), upper(hex(cityHash64(seed, n, 21)))) AS message_id,
                    (h4 % 100) < 75 AS has_campaign,
                    1 + ((h4 DIV 256) % length({camp:Array(Array(String))}[ai])) AS cix,
                    if(has_campaign, {camp:Array(Array(String))}[ai][cix], '') AS campaign_id,
                    if(has_campaign, {camp_name:Array(Array(String))}[ai][cix], '') AS campaign_name,
                    if(has_campaign, {camp_sub:Array(Array(String))}[ai][cix],
                       {subs:Array(Array(String))}[ai][1 + ((h4 DIV 65536) % length({subs:Array(Array(String))}[ai]))]) AS subaccount_id,
                    {users:Array(Array(String))}[ai][1 + ((h4 DIV 16777216) % length({users:Array(Array(String))}[ai]))] AS user_id,
                    multiIf(has_campaign AND (h5 % 100) < 92, 'TEMPLATE', (h5 % 100) < 45, 'TEXT', (h5 % 100) < 62, 'IMAGE',
                            (h5 % 100) < 72, 'DOCUMENT', (h5 % 100) < 86, 'INTERACTIVE', (h5 % 100) < 93, 'VIDEO',
                            (h5 % 100) < 97, 'AUDIO', 'LOCATION') AS content_type,
                    content_type != 'TEMPLATE' OR ((h5 DIV 256) % 100) < 12 AS sent_with_session,
                    ['Ana', 'João', 'Maria', 'Pedro', 'Lucía', 'Carlos', 'Fernanda', 'Diego'][1 + (ci % 8)] AS first_name,
                    if(content_type = 'TEMPLATE', {camp_tpl:Array(Array(String))}[ai][cix], '') AS template_name,
                    if(content_type = 'TEMPLATE', if(startsWith({camp_body:Array(Array(String))}[ai][cix], '¡'), 'es_MX', 'pt_BR'), '') AS template_language,
                    multiIf(content_type = 'TEMPLATE', replaceOne({camp_body:Array(Array(String))}[ai][cix], '{{1}}',
                                if(template_name = 'login_code', leftPad(toString(h6 % 1000000), 6, '0'), first_name)),
                            content_type = 'TEXT', ['Seu pedido foi confirmado.', 'Claro! Posso ajudar com isso.',
                                                    'Seu protocolo de atendimento é 48213.', 'Obrigado pelo contato!',
                                                    'O boleto vence amanhã.'][1 + (h6 % 5)],
                            content_type = 'INTERACTIVE', 'Escolha uma opção:', '') AS text,
                    ci % 10 AS country,
                    (cityHash64(seed, ci, 7) % 100) = 0 AS username_only,
                    if(username_only, '', multiIf(country < 7, concat('55', toString(11 + (ci * 7) % 89), '9', toString(10000000 + ci % 90000000)),
                            country = 7, concat('521', toString(5500000000 + ci % 99999999)),
                            country = 8, concat('549', toString(1100000000 + ci % 99999999)),
                            concat('57', toString(3000000000 + ci % 99999999)))) AS contact_phone,
                    contact_phone AS contact_wa_id,
                    if(username_only OR (cityHash64(seed, ci, 8) % 100) < 35,
                       concat(multiIf(country < 7, 'BR', country = 7, 'MX', country = 8, 'AR', 'CO'), '.',
                              toString(cityHash64(seed, ci, 9))), '') AS contact_bsuid,
                    if(((h5 DIV 65536) % 100) < 40, concat('ord-', toString(h6 % 10000000000)), '') AS correlation_id,
                    intDiv(toUnixTimestamp(event_time), 86400) AS window,
                    (cityHash64(seed, ci, window) % 100) < 3 AS free_entry,
                    lower(hex(cityHash64(account_id, ci, window))) AS conversation_id,
                    multiIf(free_entry, 'FREE_ENTRY_POINT', content_type = 'TEMPLATE' AND NOT sent_with_session,
                            'BUSINESS_INITIATED', 'USER_INITIATED') AS conversation_type,
                    toDateTime64(window * 86400, 3, 'UTC') + toIntervalHour(if(free_entry, 72, 24)) AS conversation_expires_at,
                    if(content_type = 'TEMPLATE', {camp_cat:Array(Array(String))}[ai][cix], 'service') AS pricing_category,
                    cityHash64(seed, n, 10) % 1000 AS s,
                    -- what becomes of the message; a step whose time is still to come has not happened at `now`
                    multiIf(s < 550, 'READ', s < 850, 'DELIVERED', s < 900, 'SENT', 'FAILED') AS fate,
                    event_time + toIntervalMillisecond(800 + h6 % 4000) AS sent_time,
                    sent_time + toIntervalMillisecond(500 + (h6 DIV 4096) % 60000) AS delivered_time,
                    delivered_time + toIntervalMillisecond((h6 DIV 16777216) % 7200000) AS read_time,
                    sent_time + toIntervalMillisecond(1000 + (h6 DIV 4096) % 28000) AS failed_time,
                    {now:DateTime64(3, 'UTC')} AS now_at,
                    multiIf(fate = 'READ' AND read_time <= now_at, 'READ',
                            fate IN ('READ', 'DELIVERED') AND delivered_time <= now_at, 'DELIVERED',
                            fate = 'FAILED' AND failed_time <= now_at, 'FAILED',
                            sent_time <= now_at, 'SENT', 'ACCEPTED') AS status,
                    if(status != 'ACCEPTED', toNullable(sent_time), NULL) AS sent_at,
                    if(status IN ('READ', 'DELIVERED'), toNullable(delivered_time), NULL) AS delivered_at,
                    if(status = 'READ', toNullable(read_time), NULL) AS read_at,
                    if(status = 'FAILED', toNullable(failed_time), NULL) AS failed_at,
                    status NOT IN ('ACCEPTED', 'FAILED') AS priced,
                    cityHash64(seed, n, 11) % 100 AS e,
                    arrayFirstIndex(w -> e < w, [35, 50, 65, 75, 83, 90, 95, 100]) AS ei,
                    if(status = 'FAILED', [131026, 131047, 131049, 131050, 131048, 130472, 131056, 130429][ei], 0) AS error_code,
                    if(status = 'FAILED', ['Message undeliverable', 'Re-engagement message',
                        'Message not delivered to maintain healthy ecosystem engagement', 'User stopped marketing messages',
                        'Spam rate limit hit', 'User''s number is part of an experiment',
                        'Too many messages sent to this user', 'Rate limit hit'][ei], '') AS error_title
                FROM numbers({start:UInt64}, {count:UInt64})
            )""";

    private static final String HISTORY_SQL = """
            INSERT INTO rastro.status_events (account_id, message_id, status, status_at, error_code, error_title)
            SELECT account_id, message_id, step.1, assumeNotNull(step.2),
                   if(step.1 = 'FAILED', error_code, 0), if(step.1 = 'FAILED', error_title, '')
            FROM rastro.gen_staging
            ARRAY JOIN arrayFilter(x -> isNotNull(x.2), [('ACCEPTED', toNullable(event_time)), ('SENT', sent_at),
                       ('DELIVERED', delivered_at), ('READ', read_at), ('FAILED', failed_at)]) AS step""";

    private static final String MO_SQL = """
            INSERT INTO rastro.gen_replies
            SELECT account_id, mo_time, mo_id, 'MO', subaccount_id, user_id, campaign_id, campaign_name,
                   if(tapped, 'BUTTON', 'TEXT'), '', '',
                   if(tapped, payloads_text[choice], ['Obrigado!', 'Qual o prazo de entrega?', 'Quero falar com um atendente',
                      'Pode me mandar o boleto?', 'Perfeito, obrigado'][1 + cityHash64(mt_id, 6) % 5]),
                   contact_phone, contact_wa_id, contact_bsuid, false, '', conversation_id, conversation_type,
                   conversation_expires_at, '', if(tapped, payloads[choice], ''), if(tapped, payloads_text[choice], ''),
                   mt_id, 'RECEIVED', mo_time, NULL, NULL, NULL, NULL, 0, '', now64(3), toUInt64(0), '', '', NULL,
                   '', '', contact_name, toUInt32(0), CAST([] AS Array(String))
            FROM
            (
                SELECT account_id, subaccount_id, user_id, campaign_id, campaign_name, contact_phone, contact_wa_id,
                       contact_bsuid, conversation_id, conversation_type, conversation_expires_at, contact_name,
                       message_id AS mt_id,
                       concat('wamid.HBgR', upper(hex(cityHash64(message_id, 2))), upper(hex(cityHash64(message_id, 3)))) AS mo_id,
                       assumeNotNull(read_at) + toIntervalMillisecond(30000 + cityHash64(message_id, 1) % 7200000) AS mo_time,
                       indexOf({all_camp:Array(String)}, campaign_id) AS camp_index,
                       if(camp_index > 0, {btn_payload:Array(Array(String))}[camp_index], []) AS payloads,
                       if(camp_index > 0, {btn_text:Array(Array(String))}[camp_index], []) AS payloads_text,
                       content_type = 'TEMPLATE' AND length(payloads) > 0 AS tapped,
                       1 + cityHash64(message_id, 5) % greatest(1, length(payloads)) AS choice
                FROM rastro.gen_staging
                WHERE status = 'READ' AND cityHash64(message_id, 4) % 100 < 25
            )
            WHERE mo_time < {now:DateTime64(3, 'UTC')}""";
}
