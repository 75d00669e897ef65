package io.rastro.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Feeds {@link LoginThrottle} from the events Spring Security publishes for every password check (Basic and form
 * alike). Unknown users fail with the same bad-credentials event as wrong passwords, so both count the same.
 * Bearer tokens are not counted: their secrets are random and far too long to guess.
 */
@Component
public class LoginEvents {

    private final LoginThrottle throttle;

    public LoginEvents(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    public void onFailure(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt) {
            throttle.failed(attempt.getName(), address(attempt));
        }
    }

    @EventListener
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken done
                && done.getPrincipal() instanceof RastroUserDetails user) {
            throttle.succeeded(user.getUsername(), address(done));
        }
    }

    /** The address the attempt counts against: the request's, as the throttle filter saw it. */
    private String address(UsernamePasswordAuthenticationToken attempt) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            return throttle.address(request.getRequest());
        }
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
