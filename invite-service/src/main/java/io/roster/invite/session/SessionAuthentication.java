package io.roster.invite.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;

/** {@code /api/v1/me/**} and {@code /api/v1/sessions/current} need a session token: Authorization: Bearer …. */
@Component
public class SessionAuthentication implements HandlerInterceptor {

    public static final String PRINCIPAL_ATTRIBUTE = SessionAuthentication.class.getName() + ".principal";

    private final SessionService sessions;

    SessionAuthentication(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader("Authorization");
        Optional<SessionService.Principal> principal = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? sessions.authenticate(header.substring(7).strip(), request.getRemoteAddr()) : Optional.empty();
        if (principal.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"roster-session\"");
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "a valid session is required (sign in again: it may have ended or been idle too long)");
        }
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal.get());
        return true;
    }

    /** The session's owner, on a request this check let through. */
    public static SessionService.Principal principal(HttpServletRequest request) {
        return (SessionService.Principal) request.getAttribute(PRINCIPAL_ATTRIBUTE);
    }
}
