package io.roster.invite.web;

import io.roster.invite.access.AccessKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Every invite-service endpoint under {@code /api/v1/workspaces/{workspaceId}} needs an admin access key of that
 * workspace ({@code Authorization: Bearer rk_….secret}). A key of another workspace gets 404, as if the
 * workspace did not exist: an admin learns nothing about other tenants.
 */
@Component
public class AdminAuthentication implements HandlerInterceptor {

    public static final String ADMIN_ATTRIBUTE = AccessKeys.Admin.REQUEST_ATTRIBUTE;

    private final AccessKeys keys;

    AdminAuthentication(AccessKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // invite-service's own endpoints only: another service in the same process (standalone) checks its own.
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().getPackageName().startsWith("io.roster.invite")) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request
                .getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String workspaceId = variables == null ? null : variables.get("workspaceId");
        if (workspaceId == null) {
            return true;
        }
        String header = request.getHeader("Authorization");
        Optional<AccessKeys.Admin> admin = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? keys.authenticate(header.substring(7).strip()) : Optional.empty();
        if (admin.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"roster\"");
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "an admin access key is required: Authorization: Bearer <key id>.<secret>");
        }
        if (!admin.get().workspaceId().equals(workspaceId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no workspace '" + workspaceId + "'");
        }
        request.setAttribute(ADMIN_ATTRIBUTE, admin.get());
        return true;
    }
}
