package io.roster.adminaccess;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Lets a request to an admin endpoint through only with an admin key of the path's workspace
 * ({@code Authorization: Bearer rk_….secret}), checked against the keys of the service that serves the endpoint.
 * No key, an unknown, revoked or wrong one: 401. A key of another workspace: 404, as if the workspace did not exist.
 */
class AdminKeyInterceptor implements HandlerInterceptor {

    /** Registered for these paths; the handler's {@code workspaceId} path variable names the workspace. */
    static final String PATHS = "/api/v1/workspaces/*/**";

    private static final String BEARER = "Bearer ";

    private final List<AdminEndpoints> services;

    AdminKeyInterceptor(List<AdminEndpoints> services) {
        this.services = List.copyOf(services);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Optional<AdminEndpoints> endpoints = services.stream()
                .filter(service -> service.guard(method.getBeanType())).findFirst();
        String workspaceId = workspaceOf(request);
        if (endpoints.isEmpty() || workspaceId == null) {
            return true;
        }
        AdminKey admin = AdminKeyTokens.verify(bearerToken(request), endpoints.get().keys())
                .orElseThrow(AdminKeyRejectedException::withoutValidKey);
        if (!admin.workspaceId().equals(workspaceId)) {
            throw AdminKeyRejectedException.otherWorkspace(workspaceId);
        }
        admin.attachTo(request);
        return true;
    }

    private static String workspaceOf(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request
                .getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null ? null : variables.get("workspaceId");
    }

    private static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
    }
}
