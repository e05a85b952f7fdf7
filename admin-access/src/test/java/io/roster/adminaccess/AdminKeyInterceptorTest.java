package io.roster.adminaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/** Which requests the key check lets through, and how it answers the others. */
class AdminKeyInterceptorTest {

    /** Stands for a controller of the service the keys belong to. */
    static class GuardedController {
        public void handle() {
        }
    }

    private static final String SECRET = "a-long-random-secret";
    private final List<String> looked = new ArrayList<>();
    private final AdminKeyLookup keys = keyId -> {
        looked.add(keyId);
        return "rk_acme".equals(keyId)
                ? Optional.of(new AdminKeyLookup.ActiveKey("acme", SecretHashes.sha256(SECRET)))
                : Optional.empty();
    };
    private final AdminKeyInterceptor interceptor = new AdminKeyInterceptor(
            List.of(new AdminEndpoints("io.roster.adminaccess", keys)));

    private static MockHttpServletRequest request(String workspaceId, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/workspaces/" + workspaceId + "/x");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("workspaceId", workspaceId));
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    private static HandlerMethod handler(Object controller) throws NoSuchMethodException {
        return new HandlerMethod(controller, controller.getClass().getMethod(controller instanceof String
                ? "length" : "handle"));
    }

    private boolean check(MockHttpServletRequest request) throws Exception {
        return interceptor.preHandle(request, new MockHttpServletResponse(), handler(new GuardedController()));
    }

    @Test
    void aValidKeyOfThePathsWorkspacePassesAndNamesItsAdmin() throws Exception {
        MockHttpServletRequest request = request("acme", "Bearer rk_acme." + SECRET);
        assertThat(check(request)).isTrue();
        assertThat(AdminKey.of(request)).contains(new AdminKey("rk_acme", "acme"));
        // the scheme is case-insensitive, surrounding blanks are ignored
        assertThat(check(request("acme", "bearer  rk_acme." + SECRET + " "))).isTrue();
    }

    @Test
    void noKeyOrAnInvalidOneIs401WithTheBearerChallenge() {
        for (String authorization : new String[] {null, "Basic cm9zdGVyOnJvc3Rlcg==", "Bearer nonsense",
                "Bearer .secret", "Bearer rk_acme.wrong-secret", "Bearer rk_acme.", "Bearer rk_unknown." + SECRET}) {
            assertThatThrownBy(() -> check(request("acme", authorization))).as(authorization)
                    .isInstanceOfSatisfying(AdminKeyRejectedException.class, rejected -> {
                        assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
                        assertThat(rejected.getHeaders().getFirst("WWW-Authenticate"))
                                .isEqualTo("Bearer realm=\"roster\"");
                        assertThat(rejected.getBody().getDetail()).isEqualTo(
                                "an admin access key is required: Authorization: Bearer <key id>.<secret>");
                    });
        }
        assertThat(looked).as("tokens without a key id are not looked up").containsOnly("rk_acme", "rk_unknown");
    }

    @Test
    void anOverlongTokenIsRefusedUnread() {
        assertThatThrownBy(() -> check(request("acme", "Bearer rk_acme." + "x".repeat(AdminKeyTokens.MAX_LENGTH))))
                .isInstanceOf(AdminKeyRejectedException.class);
        assertThat(looked).isEmpty();
    }

    @Test
    void aValidKeyOfAnotherWorkspaceIs404AsIfTheWorkspaceDidNotExist() {
        MockHttpServletRequest request = request("globex", "Bearer rk_acme." + SECRET);
        assertThatThrownBy(() -> check(request))
                .isInstanceOfSatisfying(AdminKeyRejectedException.class, rejected -> {
                    assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(rejected.getHeaders().containsHeader("WWW-Authenticate")).isFalse();
                    assertThat(rejected.getBody().getDetail()).isEqualTo("no workspace 'globex'");
                });
        assertThat(AdminKey.of(request)).isEmpty();
    }

    @Test
    void anotherServicesEndpointsAndPathsWithoutAWorkspaceAreLeftToTheirOwnCheck() throws Exception {
        // a controller outside the declared package: in standalone, another service checks its own endpoints
        assertThat(interceptor.preHandle(request("acme", null), new MockHttpServletResponse(), handler("string")))
                .isTrue();
        MockHttpServletRequest noWorkspace = new MockHttpServletRequest("GET", "/api/v1/workspaces");
        assertThat(interceptor.preHandle(noWorkspace, new MockHttpServletResponse(),
                handler(new GuardedController()))).isTrue();
        assertThat(looked).isEmpty();
    }
}
