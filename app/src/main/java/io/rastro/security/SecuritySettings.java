package io.rastro.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the security package, under {@code rastro.security.*}. Kept apart from {@code RastroProperties} so
 * that tenancy and sign-in settings live next to the code that reads them.
 *
 * @param jwt   how claims of an OIDC access token map to a principal (used only when a JWT decoder is configured
 *              through {@code spring.security.oauth2.resourceserver.jwt.*})
 * @param login the brute-force limiter for password sign-ins
 * @param principalCacheTtl how long a user's or API token's row is remembered between requests (0: read on every
 *              request). Changes made through Rastro count at once; a row edited by hand in the table counts
 *              within this time.
 * @param trustedProxies addresses (such as 10.0.0.5) or ranges (10.0.0.0/8, fd00::/8) of the proxies or load
 *              balancers in front of Rastro: only a request from one of them has its client address taken from
 *              X-Forwarded-For. Empty (the default): the header is ignored and the connection's address is used.
 */
@ConfigurationProperties("rastro.security")
public record SecuritySettings(@DefaultValue Jwt jwt, @DefaultValue Login login,
                               @DefaultValue("5s") Duration principalCacheTtl,
                               @DefaultValue List<String> trustedProxies) {

    /**
     * @param accountClaim     the claim holding the account (tenant) id; required
     * @param subaccountsClaim the claim holding the list of subaccount ids a SUBACCOUNT_USER or READ_TOKEN may see
     * @param roleClaim        the claim holding ADMIN, SUBACCOUNT_USER or READ_TOKEN; required
     * @param nameClaim        the claim shown as the caller's name (in {@code me}, logs and as an export's owner)
     */
    public record Jwt(@DefaultValue("account") String accountClaim,
                      @DefaultValue("subaccounts") String subaccountsClaim,
                      @DefaultValue("role") String roleClaim,
                      @DefaultValue("sub") String nameClaim) {
    }

    /**
     * Failed password sign-ins (HTTP Basic and the login form) are counted per (user name, client address) and per
     * client address, never per user name alone: an attacker elsewhere cannot lock a person out. Past its free
     * failures, each further failure of a key makes it wait before its next attempt, {@code firstDelay} and then
     * twice as long each time, up to {@code maxDelay}. The address allows more because many people may share one
     * (an office behind NAT).
     *
     * @param freeFailuresPerUserAddress failures of one user name from one address before delays start
     * @param freeFailuresPerAddress     failures from one address, whatever the user names, before delays start
     * @param firstDelay                 the wait after the first failure past the free ones
     * @param maxDelay                   the longest wait
     * @param window                     how long a key's failures are remembered after its last one
     * @param maxTracked                 keys remembered at once (each kind apart); the least recently seen are
     *                                   forgotten first, so memory stays bounded under a spray of names
     */
    public record Login(@DefaultValue("5") int freeFailuresPerUserAddress,
                        @DefaultValue("20") int freeFailuresPerAddress,
                        @DefaultValue("1s") Duration firstDelay,
                        @DefaultValue("5m") Duration maxDelay,
                        @DefaultValue("15m") Duration window,
                        @DefaultValue("10000") int maxTracked) {
    }
}
