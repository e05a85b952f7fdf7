package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Topics;
import io.roster.invite.ApiClient.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/** Sign-in, sessions and their policies on the real database and broker (workspace "other"). */
@InviteServiceIntegrationTest
class SessionApiIT extends InviteServiceTestSupport {

    private static final String ADMIN = "Bearer rk_other.other-secret";
    private static final String PASSWORD = "correct-horse-battery";

    private final JsonMapper json = JsonMapper.builder().build();


    /** A user of workspace "other" with a password, created through the admin API. */
    private String[] user(boolean modificationPrevention) {
        String login = "session." + UUID.randomUUID().toString().substring(0, 8);
        Response created = call("POST", "/api/v1/workspaces/other/accounts/users", ADMIN, """
                {"login": "%s", "email": "%s@other.example", "firstName": "Ken", "lastName": "Thompson",
                 "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false,
                 "modificationPrevention": %s}""".formatted(login, login, modificationPrevention));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        jdbc.sql("UPDATE invite.account SET password_hash = ? WHERE id = ?::uuid")
                .params(new BCryptPasswordEncoder().encode(PASSWORD), id).update();
        return new String[] {id, login};
    }

    private Response signIn(String login, String password) {
        return call("POST", "/api/v1/sessions", null,
                "{\"workspaceId\": \"other\", \"login\": \"%s\", \"password\": \"%s\"}".formatted(login, password));
    }

    private static String bearer(Response signedIn) {
        return "Bearer " + signedIn.body().get("token").asString();
    }

    private List<String> activity(String login, int count) {
        return kafka.await(Topics.ACTIVITY, r -> r.value().contains("\"" + login + "\""), count,
                Duration.ofSeconds(30)).stream().map(r -> json.readTree(r.value()))
                .map(n -> n.get("payload").get("action").asString() + "@" + n.get("actor").get("clientIp").asString())
                .toList();
    }

    @Test
    void signInGivesASessionThatSignOutEnds() {
        String[] user = user(false);
        Response signedIn = signIn(user[1], PASSWORD);
        assertThat(signedIn.status()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/me", bearer(signedIn), null).body().get("login").asString())
                .isEqualTo(user[1]);
        assertThat(call("DELETE", "/api/v1/sessions/current", bearer(signedIn), null).status()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/me", bearer(signedIn), null).status()).isEqualTo(401);
        assertThat(activity(user[1], 2)).containsExactly("SIGN_IN@127.0.0.1", "SIGN_OUT@127.0.0.1");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.session WHERE token_sha256 IS NULL").query(Long.class)
                .single()).isZero();
    }

    @Test
    void repeatedFailuresLockTheLogin() {
        String[] user = user(false);
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(user[1], "wrong-password-" + i).status()).isEqualTo(401);
        }
        assertThat(signIn(user[1], PASSWORD).status()).isEqualTo(429);
        assertThat(activity(user[1], 7)).contains("LOCKED_OUT@127.0.0.1").filteredOn(a -> a.startsWith("SIGN_IN_FAILED"))
                .hasSize(6);
        assertThat(signIn("nobody.here", "whatever-password").status()).isEqualTo(401);
    }

    @Test
    void anIdleSessionEndsAfterTheTimeout() {
        String[] user = user(false);
        Response signedIn = signIn(user[1], PASSWORD);
        jdbc.sql("UPDATE invite.session SET last_seen_at = now() - interval '31 minutes' WHERE account_id = ?::uuid")
                .param(user[0]).update();
        assertThat(call("GET", "/api/v1/me", bearer(signedIn), null).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT end_reason FROM invite.session WHERE account_id = ?::uuid").param(user[0])
                .query(String.class).single()).isEqualTo("IDLE_TIMEOUT");
    }

    @Test
    void workspacePolicyGovernsIdleTimeoutAndConcurrentSessions() {
        String[] user = user(false);
        Response first = signIn(user[1], PASSWORD);
        Response second = signIn(user[1], PASSWORD);
        assertThat(call("GET", "/api/v1/me", bearer(first), null).status()).isEqualTo(200);

        assertThat(call("PUT", "/api/v1/workspaces/other/settings/sessions", ADMIN,
                "{\"idleTimeoutPolicy\": \"WORKSPACE_SETS\", \"idleTimeoutMinutes\": 20, \"concurrentSessions\": false,"
                        + " \"usersMayChangeConcurrentSessions\": false}").status()).isEqualTo(200);
        try {
            assertThat(call("PUT", "/api/v1/me/session-settings", bearer(second), "{\"idleTimeoutMinutes\": 5}")
                    .status()).isEqualTo(403);
            Response third = signIn(user[1], PASSWORD);
            assertThat(call("GET", "/api/v1/me", bearer(first), null).status()).isEqualTo(401);
            assertThat(call("GET", "/api/v1/me", bearer(second), null).status()).isEqualTo(401);
            assertThat(call("GET", "/api/v1/me/session-settings", bearer(third), null).body()
                    .get("idleTimeoutMinutes").asInt()).isEqualTo(20);

            assertThat(call("PUT", "/api/v1/workspaces/other/settings/sessions", ADMIN,
                    "{\"idleTimeoutPolicy\": \"USERS_CHOOSE\", \"idleTimeoutMinutes\": 30, \"concurrentSessions\": true,"
                            + " \"usersMayChangeConcurrentSessions\": true}").status()).isEqualTo(200);
            Response mine = call("PUT", "/api/v1/me/session-settings", bearer(third), "{\"idleTimeoutMinutes\": 5}");
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.body().get("idleTimeoutMinutes").asInt()).isEqualTo(5);
            assertThat(call("PUT", "/api/v1/workspaces/other/settings/sessions", ADMIN,
                    "{\"idleTimeoutPolicy\": \"SOMETIMES\", \"idleTimeoutMinutes\": 0, \"concurrentSessions\": true,"
                            + " \"usersMayChangeConcurrentSessions\": true}").status()).isEqualTo(422);
        } finally {
            call("PUT", "/api/v1/workspaces/other/settings/sessions", ADMIN,
                    "{\"idleTimeoutPolicy\": \"USERS_CHOOSE\", \"idleTimeoutMinutes\": 30, \"concurrentSessions\": true,"
                            + " \"usersMayChangeConcurrentSessions\": false}");
        }
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndRefusesSignIn() {
        String[] user = user(false);
        Response signedIn = signIn(user[1], PASSWORD);
        call("POST", "/api/v1/workspaces/other/accounts/" + user[0] + "/disable", ADMIN, null);
        assertThat(call("GET", "/api/v1/me", bearer(signedIn), null).status()).isEqualTo(401);
        assertThat(signIn(user[1], PASSWORD).status()).isEqualTo(403);
        call("POST", "/api/v1/workspaces/other/accounts/" + user[0] + "/reactivate", ADMIN, null);
        assertThat(signIn(user[1], PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void modificationPreventionBlocksProfileEdits() {
        String[] free = user(false);
        Response edited = call("PATCH", "/api/v1/me", bearer(signIn(free[1], PASSWORD)), "{\"city\": \"Murray Hill\"}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().get("city").asString()).isEqualTo("Murray Hill");

        String[] locked = user(true);
        Response refused = call("PATCH", "/api/v1/me", bearer(signIn(locked[1], PASSWORD)), "{\"city\": \"Elsewhere\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(call("PATCH", "/api/v1/me", bearer(signIn(free[1], PASSWORD)), "{\"admin\": true}").status())
                .isEqualTo(400);
    }

    /**
     * A user's own session settings go through the pipeline as the {@code account.update-session-settings.v1} command:
     * the change is announced as {@code account.updated.v1} with the user as actor, so it reaches the activity log
     * (they used to be written directly and announced nowhere); a refused change writes and announces nothing.
     */
    @Test
    void changingOnesOwnSessionSettingsIsAnnounced() {
        assertThat(call("PUT", "/api/v1/workspaces/other/settings/sessions", ADMIN,
                "{\"idleTimeoutPolicy\": \"USERS_CHOOSE\", \"idleTimeoutMinutes\": 30, \"concurrentSessions\": true,"
                        + " \"usersMayChangeConcurrentSessions\": true}").status()).isEqualTo(200);
        String[] user = user(false);
        Response signedIn = signIn(user[1], PASSWORD);

        Response refused = call("PUT", "/api/v1/me/session-settings", bearer(signedIn), "{\"idleTimeoutMinutes\": 0}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors").get(0).get("code").asString()).isEqualTo("out_of_range");

        Response changed = call("PUT", "/api/v1/me/session-settings", bearer(signedIn),
                "{\"idleTimeoutMinutes\": 45, \"concurrentSessions\": false}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("idleTimeoutMinutes").asInt()).isEqualTo(45);
        assertThat(changed.body().get("concurrentSessions").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT idle_timeout_minutes || '/' || concurrent_sessions FROM invite.account"
                + " WHERE id = ?::uuid").param(user[0]).query(String.class).single()).isEqualTo("45/false");

        List<tools.jackson.databind.JsonNode> updates = kafka.readAll(Topics.ACCOUNT_EVENTS,
                        r -> r.value().contains("\"" + user[0] + "\"") && !r.value().contains("account.created.v1"),
                        Duration.ofSeconds(5)).stream().map(r -> json.readTree(r.value())).toList();
        assertThat(updates).hasSize(1);
        tools.jackson.databind.JsonNode update = updates.get(0);
        assertThat(update.get("type").asString()).isEqualTo("account.updated.v1");
        assertThat(update.get("actor").get("kind").asString()).isEqualTo("USER");
        assertThat(update.get("actor").get("id").asString()).isEqualTo(user[0]);
        assertThat(update.get("payload").get("changedFields").valueStream().map(n -> n.asString()).toList())
                .containsExactly("idleTimeoutMinutes", "concurrentSessions");
    }
}
