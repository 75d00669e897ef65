package io.rastro.security;

import io.rastro.store.RowVersions;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens for machines: {@code rst_<id>.<secret>}. Only a SHA-256 of the secret is stored (the secret is
 * random and long, so an adaptive hash would add latency to every request without adding safety); the id finds
 * the row, the hash is compared in constant time, and a revoked token fails from the next request on.
 *
 * <p>This is the storage side, free of authorization so the bearer filter and the demo seeding can use it;
 * {@link TokenService} is what callers reach, for administrators only.
 */
@Service
public class ApiTokens {

    public static final String PREFIX = "rst_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = """
            token_id, account_id, name, toString(kind) AS kind, subaccounts, created_by, created_at, revoked_at""";

    private final Store store;
    /** Token rows by id, remembered briefly: every request with a token needs its row (see FreshnessCache). */
    private final FreshnessCache<String, Stored> stored;
    /** Last-use writes are throttled to one a minute per token so a busy BI job does not write per request. */
    private final ConcurrentHashMap<String, Instant> lastRecordedUse = new ConcurrentHashMap<>();

    public ApiTokens(Store store, SecuritySettings settings, java.time.Clock clock) {
        this.store = store;
        this.stored = new FreshnessCache<>(settings.principalCacheTtl(), 10_000, clock);
    }

    /** What authenticating a bearer value needs of a token's row. */
    private record Stored(String id, String accountId, Role role, Set<String> subaccounts, String secretHash,
                          boolean revoked) {
    }

    /** A newly created token; {@code secret} is the full bearer value, shown once. */
    public record Created(ApiToken token, String secret) {
    }

    /**
     * A token as listed (never with its secret).
     *
     * @param subaccounts sorted; empty: every subaccount of the account
     * @param lastUsedAt  when it last authenticated a request (recorded at most once a minute); null if never
     */
    public record ApiToken(String id, String accountId, String name, Role role, List<String> subaccounts,
                           String createdBy, OffsetDateTime createdAt, OffsetDateTime revokedAt,
                           OffsetDateTime lastUsedAt) {
    }

    public Created create(String accountId, String name, Role role, Set<String> subaccounts, String createdBy) {
        if (role != Role.READ_TOKEN && role != Role.INGEST_TOKEN) {
            throw new IllegalArgumentException("tokens are READ_TOKEN or INGEST_TOKEN");
        }
        var id = randomHex(8);
        var secret = randomHex(24);
        return new Created(insert(id, accountId, name, role, subaccounts, createdBy, secret,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)), PREFIX + id + "." + secret);
    }

    /** Writes a token with a known id and secret: the demo's documented tokens. */
    public ApiToken insert(String id, String accountId, String name, Role role, Set<String> subaccounts,
                           String createdBy, String secret, Instant createdAt) {
        store.execute(Sql.of("""
                        INSERT INTO rastro.api_tokens (token_id, account_id, name, kind, subaccounts, secret_hash,
                                                       created_by, created_at, revoked_at, version)
                        SELECT {id:String}, {account:String}, {name:String}, {kind:String}, {subs:Array(String)},
                                {hash:String}, {by:String}, {at:DateTime64(3, 'UTC')}, NULL, {version:UInt64}""")
                .bind("id", id).bind("account", accountId).bind("name", name).bind("kind", kind(role))
                .bind("subs", List.copyOf(subaccounts)).bind("hash", sha256(secret)).bind("by", createdBy)
                .bind("at", createdAt).bind("version", RowVersions.next()));
        stored.forget(id);
        return new ApiToken(id, accountId, name, role, subaccounts.stream().sorted().toList(), createdBy,
                time(createdAt), null, null);
    }

    /** The account's tokens, newest first, each with its last recorded use. */
    public List<ApiToken> list(String accountId) {
        var rows = store.query(Sql.of("SELECT " + COLUMNS + """

                        FROM rastro.api_tokens FINAL
                        WHERE account_id = {account:String}
                        ORDER BY created_at DESC, token_id""").bind("account", accountId),
                row -> token(row, null));
        if (rows.isEmpty()) {
            return rows;
        }
        var lastUse = new HashMap<String, OffsetDateTime>();
        store.stream(Sql.of("""
                        SELECT token_id, max(used_at) AS last_used FROM rastro.api_token_uses
                        WHERE token_id IN {ids:Array(String)} GROUP BY token_id""")
                        .bind("ids", rows.stream().map(ApiToken::id).toList()),
                row -> lastUse.put(row.getString("token_id"), time(row.getInstant("last_used"))));
        return rows.stream().map(t -> withLastUse(t, lastUse.get(t.id()))).toList();
    }

    /** One token of the account (never another account's), with its last recorded use. */
    public Optional<ApiToken> find(String accountId, String id) {
        return store.queryOne(Sql.of("SELECT " + COLUMNS + ", " + """
                                (SELECT maxOrNull(used_at) FROM rastro.api_token_uses WHERE token_id = {id:String}) AS last_used
                                FROM rastro.api_tokens FINAL
                                WHERE account_id = {account:String} AND token_id = {id:String}""")
                        .bind("account", accountId).bind("id", id),
                row -> token(row, row.hasValue("last_used") ? time(row.getInstant("last_used")) : null));
    }

    /**
     * Marks the account's token revoked at {@code at} by writing a new version of its row (the secret hash is
     * copied inside the engine and never leaves it). The version is above the row's current one whatever the
     * clock did, so FINAL readers, and so the very next request, see the revocation. A token already revoked
     * keeps its first revocation time.
     *
     * @return false when the account has no token with that id
     */
    public boolean revoke(String accountId, String id, Instant at) {
        var existing = find(accountId, id);
        if (existing.isEmpty()) {
            return false;
        }
        if (existing.get().revokedAt() != null) {
            return true;
        }
        store.execute(Sql.of("""
                        INSERT INTO rastro.api_tokens (token_id, account_id, name, kind, subaccounts, secret_hash,
                                                       created_by, created_at, revoked_at, version)
                        SELECT token_id, account_id, name, kind, subaccounts, secret_hash, created_by, created_at,
                               {at:DateTime64(3, 'UTC')}, greatest(version + 1, {version:UInt64})
                        FROM rastro.api_tokens FINAL
                        WHERE account_id = {account:String} AND token_id = {id:String}""")
                .bind("at", at).bind("version", RowVersions.next()).bind("account", accountId).bind("id", id));
        stored.forget(id);
        return true;
    }

    /** The principal for a bearer value, if it names a live token and the secret matches. */
    public Optional<RastroPrincipal> authenticate(String bearer) {
        if (bearer == null || !bearer.startsWith(PREFIX)) {
            return Optional.empty();
        }
        var dot = bearer.indexOf('.', PREFIX.length());
        if (dot < 0) {
            return Optional.empty();
        }
        var id = bearer.substring(PREFIX.length(), dot);
        var secret = bearer.substring(dot + 1);
        var candidate = sha256(secret).getBytes(StandardCharsets.US_ASCII);
        var principal = stored.get(id, this::read)
                .filter(row -> !row.revoked()
                        && MessageDigest.isEqual(row.secretHash().getBytes(StandardCharsets.US_ASCII), candidate))
                .map(row -> new RastroPrincipal(row.id(), row.accountId(), row.role(), new HashSet<>(row.subaccounts())));
        principal.ifPresent(p -> recordUse(p.name()));
        return principal;
    }

    private Optional<Stored> read(String id) {
        return store.queryOne(Sql.of("""
                        SELECT token_id, account_id, toString(kind) AS kind, subaccounts, secret_hash,
                               revoked_at IS NOT NULL AS revoked
                        FROM rastro.api_tokens FINAL WHERE token_id = {id:String}""").bind("id", id),
                row -> new Stored(row.getString("token_id"), row.getString("account_id"), role(row.getString("kind")),
                        Set.copyOf(row.<String>getList("subaccounts")), row.getString("secret_hash"),
                        row.getBoolean("revoked")));
    }

    private void recordUse(String tokenId) {
        var now = Instant.now();
        var previous = lastRecordedUse.get(tokenId);
        if (previous != null && previous.isAfter(now.minusSeconds(60))) {
            return;
        }
        lastRecordedUse.put(tokenId, now);
        store.execute(Sql.of("INSERT INTO rastro.api_token_uses (token_id, used_at) "
                + "SELECT {id:String}, {at:DateTime64(3, 'UTC')}").bind("id", tokenId).bind("at", now));
    }

    private static ApiToken token(com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader row,
                                  OffsetDateTime lastUsedAt) {
        return new ApiToken(row.getString("token_id"), row.getString("account_id"), row.getString("name"),
                role(row.getString("kind")), row.<String>getList("subaccounts").stream().sorted().toList(),
                row.getString("created_by"), time(row.getInstant("created_at")),
                row.hasValue("revoked_at") ? time(row.getInstant("revoked_at")) : null, lastUsedAt);
    }

    private static ApiToken withLastUse(ApiToken t, OffsetDateTime lastUsedAt) {
        return new ApiToken(t.id(), t.accountId(), t.name(), t.role(), t.subaccounts(), t.createdBy(), t.createdAt(),
                t.revokedAt(), lastUsedAt);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String kind(Role role) {
        return role == Role.INGEST_TOKEN ? "INGEST" : "READ";
    }

    static Role role(String kind) {
        return "INGEST".equals(kind) ? Role.INGEST_TOKEN : Role.READ_TOKEN;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex(int bytes) {
        var b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
