package io.rastro.security;

import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
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
 */
@Service
public class ApiTokens {

    public static final String PREFIX = "rst_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    /** Last-use writes are throttled to one a minute per token so a busy BI job does not write per request. */
    private final ConcurrentHashMap<String, Instant> lastRecordedUse = new ConcurrentHashMap<>();

    public ApiTokens(Store store) {
        this.store = store;
    }

    /** A newly created token; {@code secret} is the full bearer value, shown once. */
    public record Created(ApiToken token, String secret) {
    }

    /**
     * A token as listed (never with its secret).
     */
    public record ApiToken(String id, String accountId, String name, Role role, Set<String> subaccounts,
                           String createdBy, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
    }

    public Created create(String accountId, String name, Role role, Set<String> subaccounts, String createdBy) {
        if (role != Role.READ_TOKEN && role != Role.INGEST_TOKEN) {
            throw new IllegalArgumentException("tokens are READ_TOKEN or INGEST_TOKEN");
        }
        var id = randomHex(8);
        var secret = randomHex(24);
        return new Created(insert(id, accountId, name, role, subaccounts, createdBy, secret, Instant.now()),
                PREFIX + id + "." + secret);
    }

    /** Writes a token with a known id and secret: the demo's documented tokens. */
    public ApiToken insert(String id, String accountId, String name, Role role, Set<String> subaccounts,
                           String createdBy, String secret, Instant createdAt) {
        store.execute(Sql.of("""
                        INSERT INTO rastro.api_tokens (token_id, account_id, name, kind, subaccounts, secret_hash,
                                                       created_by, created_at, revoked_at, version)
                        VALUES ({id:String}, {account:String}, {name:String}, {kind:String}, {subs:Array(String)},
                                {hash:String}, {by:String}, {at:DateTime64(3, 'UTC')}, NULL, {version:UInt64})""")
                .bind("id", id).bind("account", accountId).bind("name", name).bind("kind", kind(role))
                .bind("subs", List.copyOf(subaccounts)).bind("hash", sha256(secret)).bind("by", createdBy)
                .bind("at", createdAt).bind("version", System.nanoTime() & Long.MAX_VALUE));
        return new ApiToken(id, accountId, name, role, subaccounts, createdBy, createdAt, null, null);
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
        return store.queryOne(Sql.of("""
                        SELECT token_id, account_id, toString(kind) AS kind, subaccounts, secret_hash,
                               revoked_at IS NOT NULL AS revoked
                        FROM rastro.api_tokens FINAL WHERE token_id = {id:String}""").bind("id", id),
                row -> row.getBoolean("revoked")
                        || !MessageDigest.isEqual(row.getString("secret_hash").getBytes(StandardCharsets.US_ASCII),
                        sha256(secret).getBytes(StandardCharsets.US_ASCII))
                        ? null
                        : new RastroPrincipal(row.getString("token_id"), row.getString("account_id"),
                        role(row.getString("kind")), new HashSet<>(row.<String>getList("subaccounts"))))
                .filter(p -> p != null)
                .map(p -> {
                    recordUse(p.name());
                    return p;
                });
    }

    private void recordUse(String tokenId) {
        var now = Instant.now();
        var previous = lastRecordedUse.get(tokenId);
        if (previous != null && previous.isAfter(now.minusSeconds(60))) {
            return;
        }
        lastRecordedUse.put(tokenId, now);
        store.execute(Sql.of("INSERT INTO rastro.api_token_uses (token_id, used_at) "
                + "VALUES ({id:String}, {at:DateTime64(3, 'UTC')})").bind("id", tokenId).bind("at", now));
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
