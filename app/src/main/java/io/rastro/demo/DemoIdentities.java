package io.rastro.demo;

import io.rastro.security.ApiTokens;
import io.rastro.security.Role;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The demo's tenants and identities, documented in the README. Written once: when account {@code acme} exists
 * nothing is written again, so a demo token revoked through the API stays revoked across restarts.
 */
public final class DemoIdentities {

    public static final String PASSWORD = "demo";
    public static final String ACME = "acme";
    public static final String GLOBEX = "globex";
    public static final String ANA = "ana@acme.example";
    public static final String CARLA = "carla@acme.example";
    public static final String BRUNO = "bruno@globex.example";
    /** Acme's read-only BI token (all subaccounts). */
    public static final String ACME_BI_TOKEN = "rst_acmebi00.demo-acme-bi-secret-0001";
    /** Acme's ingestion client. */
    public static final String ACME_INGEST_TOKEN = "rst_acmeing0.demo-acme-ingest-secret-01";
    /** Globex's ingestion client. */
    public static final String GLOBEX_INGEST_TOKEN = "rst_globexi0.demo-globex-ingest-secret-1";

    /** A campaign with its subaccount, the template it sends and the quick-reply buttons that template has. */
    public record Campaign(String id, String name, String subaccount, String template, String category,
                           String body, List<Button> buttons) {
    }

    public record Button(String payload, String text) {
    }

    public record Tenant(String id, String name, List<String[]> subaccounts, List<String> users,
                         List<Campaign> campaigns) {
    }

    public static final List<Tenant> TENANTS = List.of(
            new Tenant(ACME, "Acme Corp",
                    List.of(new String[] {"acme-sales", "Sales"}, new String[] {"acme-support", "Support"},
                            new String[] {"acme-marketing", "Marketing"}),
                    List.of(ANA, CARLA),
                    List.of(new Campaign("cmp-acme-black-friday", "Black Friday 2026", "acme-marketing",
                                    "black_friday_offer", "marketing",
                                    "Olá {{1}}! Só hoje: 30% de desconto em toda a loja. Quer aproveitar?",
                                    List.of(new Button("BF_YES", "Quero o desconto"), new Button("BF_LATER", "Mais tarde"),
                                            new Button("BF_STOP", "Parar promoções"))),
                            new Campaign("cmp-acme-onboarding", "Onboarding", "acme-sales", "welcome_onboarding",
                                    "utility", "Bem-vindo à Acme, {{1}}! Sua conta está pronta.",
                                    List.of(new Button("ONB_HELP", "Preciso de ajuda"), new Button("ONB_OK", "Tudo certo"))),
                            new Campaign("cmp-acme-renewal", "Renewal reminders", "acme-sales", "renewal_reminder",
                                    "utility", "{{1}}, sua assinatura vence em 3 dias. Renovar agora?",
                                    List.of(new Button("REN_YES", "Renovar"), new Button("REN_NO", "Não, obrigado"))),
                            new Campaign("cmp-acme-support-csat", "Support CSAT", "acme-support", "csat_survey",
                                    "utility", "Como foi seu atendimento hoje?",
                                    List.of(new Button("CSAT_GOOD", "Ótimo"), new Button("CSAT_OK", "Regular"),
                                            new Button("CSAT_BAD", "Ruim"))),
                            new Campaign("cmp-acme-otp", "Login codes", "acme-support", "login_code",
                                    "authentication", "Seu código de acesso é {{1}}. Não compartilhe.", List.of()))),
            new Tenant(GLOBEX, "Globex",
                    List.of(new String[] {"globex-retail", "Retail"}, new String[] {"globex-ops", "Operations"}),
                    List.of(BRUNO),
                    List.of(new Campaign("cmp-globex-promo", "Summer promo", "globex-retail", "summer_promo",
                                    "marketing", "¡Hola {{1}}! Rebajas de verano: 2x1 este fin de semana.",
                                    List.of(new Button("PROMO_YES", "Me interesa"), new Button("PROMO_STOP", "No más ofertas"))),
                            new Campaign("cmp-globex-delivery", "Delivery updates", "globex-ops", "delivery_update",
                                    "utility", "Seu pedido {{1}} saiu para entrega e chega hoje.",
                                    List.of(new Button("DLV_OK", "Recebido"), new Button("DLV_ISSUE", "Tive um problema"))))));

    private DemoIdentities() {
    }

    /** Writes the demo tenants, people, campaigns and tokens unless they are already there. */
    public static boolean seedIfMissing(Store store, ApiTokens tokens) {
        var present = store.query(Sql.of("SELECT count() AS c FROM rastro.accounts FINAL WHERE account_id = {a:String}")
                .bind("a", ACME), row -> row.getLong("c")).getFirst();
        if (present > 0) {
            return false;
        }
        var hash = new BCryptPasswordEncoder().encode(PASSWORD);
        for (var t : TENANTS) {
            store.execute(Sql.of("INSERT INTO rastro.accounts (account_id, name, version) SELECT {a:String}, {n:String}, 1")
                    .bind("a", t.id()).bind("n", t.name()));
            for (var s : t.subaccounts()) {
                store.execute(Sql.of("INSERT INTO rastro.subaccounts (account_id, subaccount_id, name, version) "
                        + "SELECT {a:String}, {s:String}, {n:String}, 1").bind("a", t.id()).bind("s", s[0]).bind("n", s[1]));
            }
            for (var c : t.campaigns()) {
                store.execute(Sql.of("INSERT INTO rastro.campaigns (account_id, campaign_id, subaccount_id, name, version) "
                                + "SELECT {a:String}, {c:String}, {s:String}, {n:String}, 1")
                        .bind("a", t.id()).bind("c", c.id()).bind("s", c.subaccount()).bind("n", c.name()));
            }
        }
        user(store, ANA, ACME, "Ana Souza", hash, Role.ADMIN, List.of());
        user(store, CARLA, ACME, "Carla Mendes", hash, Role.SUBACCOUNT_USER, List.of("acme-support"));
        user(store, BRUNO, GLOBEX, "Bruno Lima", hash, Role.ADMIN, List.of());
        var at = Instant.parse("2026-01-01T00:00:00Z");
        token(tokens, ACME_BI_TOKEN, ACME, "Acme BI export job (demo)", Role.READ_TOKEN, at);
        token(tokens, ACME_INGEST_TOKEN, ACME, "Acme platform ingestion (demo)", Role.INGEST_TOKEN, at);
        token(tokens, GLOBEX_INGEST_TOKEN, GLOBEX, "Globex platform ingestion (demo)", Role.INGEST_TOKEN, at);
        return true;
    }

    private static void user(Store store, String id, String account, String name, String hash, Role role,
                             List<String> subaccounts) {
        store.execute(Sql.of("""
                        INSERT INTO rastro.users (user_id, account_id, display_name, password_hash, role, subaccounts, version)
                        SELECT {u:String}, {a:String}, {n:String}, {h:String}, {r:String}, {s:Array(String)}, 1""")
                .bind("u", id).bind("a", account).bind("n", name).bind("h", hash).bind("r", role).bind("s", subaccounts));
    }

    private static void token(ApiTokens tokens, String bearer, String account, String name, Role role, Instant at) {
        var body = bearer.substring(ApiTokens.PREFIX.length());
        var dot = body.indexOf('.');
        tokens.insert(body.substring(0, dot), account, name, role, Set.of(), "demo", body.substring(dot + 1), at);
    }
}
