package io.rastro.security;

import io.rastro.web.UnauthorizedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** The principal of the current request, from Spring Security's context. */
public final class CurrentPrincipal {

    private CurrentPrincipal() {
    }

    public static RastroPrincipal require() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof RastroPrincipal p) {
            return p;
        }
        if (authentication != null && authentication.getPrincipal() instanceof RastroUserDetails d) {
            return d.principal();
        }
        throw new UnauthorizedException();
    }
}
