package io.rastro.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

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
 */
@ConfigurationProperties("rastro.security")
public record SecuritySettings(@DefaultValue Jwt jwt, @DefaultValue Login login,
                               @DefaultValue("5s") Duration principalCacheTtl) {

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
     * Failed password sign-ins (HTTP Basic and the login form) are counted per user name and per client address;
     * reaching a limit within {@code window} locks that user name or address out for {@code lockout}. The address
     * limit is higher because many people may share one address (an office behind NAT).
     *
     * @param maxFailuresPerUser    failures of one user name within the window that lock it
     * @param maxFailuresPerAddress failures from one client address within the window that lock it
     * @param window                how long failures are remembered
     * @param lockout               how long a lock lasts
     * @param maxTracked            user names (and, separately, addresses) remembered at once; the least recently
     *                              seen are forgotten first, so memory stays bounded under a spray of names
     */
    public record Login(@DefaultValue("5") int maxFailuresPerUser,
                        @DefaultValue("20") int maxFailuresPerAddress,
                        @DefaultValue("5m") Duration window,
                        @DefaultValue("5m") Duration lockout,
                        @DefaultValue("10000") int maxTracked) {
    }
}
