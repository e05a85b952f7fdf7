package io.roster.audit.access;

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
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * audit-sink's endpoints under {@code /api/v1/workspaces/{workspaceId}} take an admin access key of that workspace
 * ({@code Authorization: Bearer rk_….secret}), checked against audit-sink's own copy of the keys — alone or in
 * standalone alike. No key, an unknown or revoked one: 401. A key of another workspace: 404, as if the workspace did
 * not exist, the same answers as invite-service gives.
 */
@Component
class AdminKeyAuthentication implements HandlerInterceptor, WebMvcConfigurer {

    private final AccessKeyRegistry keys;

    AdminKeyAuthentication(AccessKeyRegistry keys) {
        this.keys = keys;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/workspaces/*/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // audit-sink's own endpoints only: in standalone, invite-service checks its endpoints itself.
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().getPackageName().startsWith("io.roster.audit")) {
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
        Optional<String> keyWorkspace = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? keys.workspaceOf(header.substring(7).strip()) : Optional.empty();
        if (keyWorkspace.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"roster\"");
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "an admin access key is required: Authorization: Bearer <key id>.<secret>");
        }
        if (!keyWorkspace.get().equals(workspaceId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no workspace '" + workspaceId + "'");
        }
        return true;
    }
}
