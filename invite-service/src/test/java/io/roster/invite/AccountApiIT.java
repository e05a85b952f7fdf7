package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Topics;
import io.roster.invite.ApiClient.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin REST API on the real database and broker: authentication, tenant isolation, lifecycle, bad input. */
@InviteServiceIntegrationTest
class AccountApiIT extends InviteServiceTestSupport {

    private static final String ACME = "Bearer rk_acme.acme-secret";
    private static final String OTHER = "Bearer rk_other.other-secret";




    private static String user(String login) {
        return """
                {"login": "%s", "email": "%s@acme.example", "firstName": "Linus", "lastName": "Torvalds",
                 "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false,
                 "permission": "READ_ONLY", "buckets": ["reports"]}""".formatted(login, login);
    }

    private static String login() {
        return "api." + UUID.randomUUID().toString().substring(0, 8);
    }

    private long accountCount() {
        return jdbc.sql("SELECT count(*) FROM invite.account").query(Long.class).single();
    }

    @Test
    void theOperatorCreatesAWorkspaceWithItsFirstAdminKey() {
        String id = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"id\": \"" + id + "\", \"name\": \"New Co\", \"plan\": \"TRIAL\", \"licenceCount\": 5,"
                + " \"timeZone\": \"Asia/Tokyo\", \"applications\": [\"SAVE\"]}";
        assertThat(call("POST", "/api/v1/workspaces", "Bearer wrong", body).status()).isEqualTo(401);
        assertThat(call("POST", "/api/v1/workspaces", ACME, body).status()).isEqualTo(401);
        Response created = call("POST", "/api/v1/workspaces", "Bearer operator-test-token", body);
        assertThat(created.status()).isEqualTo(201);
        String key = created.body().get("adminAccessKey").get("token").asString();
        assertThat(jdbc.sql("SELECT count(*) FROM invite.access_key WHERE workspace_id = ? AND secret_sha256::text"
                + " LIKE ?").params(id, "%" + key.substring(key.indexOf('.') + 1) + "%").query(Long.class).single())
                .isZero();
        assertThat(call("GET", "/api/v1/workspaces/" + id + "/accounts", "Bearer " + key, null).status())
                .isEqualTo(200);
        Response second = call("POST", "/api/v1/workspaces/" + id + "/access-keys", "Bearer " + key,
                "{\"name\": \"ci\"}");
        assertThat(second.status()).isEqualTo(201);
        String secondKey = second.body().get("token").asString();
        assertThat(call("GET", "/api/v1/workspaces/" + id + "/access-keys", "Bearer " + secondKey, null).body()
                .toString()).contains("first admin", "ci").doesNotContain(secondKey.substring(secondKey.indexOf('.')));
        assertThat(call("DELETE", "/api/v1/workspaces/" + id + "/access-keys/" + second.body().get("id").asString(),
                "Bearer " + key, null).status()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/workspaces/" + id + "/accounts", "Bearer " + secondKey, null).status())
                .isEqualTo(401);
        assertThat(call("GET", "/api/v1/workspaces/acme/accounts", "Bearer " + key, null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/workspaces", "Bearer operator-test-token", body).status()).isEqualTo(409);
        Response invalid = call("POST", "/api/v1/workspaces", "Bearer operator-test-token",
                "{\"id\": \"Bad Id\", \"plan\": \"GOLD\", \"timeZone\": \"Mars/Olympus\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("id", "plan", "timeZone");
        // Save is enabled there: a user needs SAVE_SPACE_MAX >= 1 GB and PUBLIC visibility
        Response saveRule = call("POST", "/api/v1/workspaces/" + id + "/accounts/users", "Bearer " + key,
                user(login()).replace("\"status\"", "\"saveSpaceMax\": \"500MB\", \"status\""));
        assertThat(saveRule.status()).isEqualTo(422);
        assertThat(saveRule.body().get("errors").get(0).get("code").asString()).isEqualTo("too_small");
    }

    @Test
    void withoutAValidKeyTheApiAnswers401() {
        Response none = call("GET", "/api/v1/workspaces/acme/accounts", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(call("GET", "/api/v1/workspaces/acme/accounts", "Bearer rk_acme.wrong", null).status())
                .isEqualTo(401);
        assertThat(call("GET", "/api/v1/workspaces/acme/accounts", "Bearer nonsense", null).status())
                .isEqualTo(401);
    }

    @Test
    void anAdminOfAnotherWorkspaceGets404OnEveryEndpoint() {
        Response created = call("POST", "/api/v1/workspaces/acme/accounts/users", ACME, user(login()));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        String base = "/api/v1/workspaces/acme/accounts";
        long before = accountCount();

        List<Response> answers = List.of(
                call("GET", base, OTHER, null),
                call("GET", base + "/" + id, OTHER, null),
                call("POST", base + "/users", OTHER, user(login())),
                call("POST", base + "/contacts", OTHER, "{}"),
                call("PATCH", base + "/" + id, OTHER, "{\"permission\": \"READ_WRITE\"}"),
                call("POST", base + "/" + id + "/disable", OTHER, null),
                call("POST", base + "/" + id + "/reactivate", OTHER, null),
                call("POST", base + "/" + id + "/close", OTHER, null),
                call("DELETE", base + "/" + id, OTHER, null),
                call("GET", "/api/v1/workspaces/acme/invitations", OTHER, null),
                call("POST", "/api/v1/workspaces/acme/invitations", OTHER, "{\"emails\": [\"x@acme.example\"]}"),
                call("POST", "/api/v1/workspaces/acme/invitations/" + UUID.randomUUID() + "/resend", OTHER, null),
                call("DELETE", "/api/v1/workspaces/acme/invitations/" + UUID.randomUUID(), OTHER, null),
                call("GET", "/api/v1/workspaces/acme/settings/sessions", OTHER, null),
                call("PUT", "/api/v1/workspaces/acme/settings/sessions", OTHER, "{}"),
                call("GET", "/api/v1/workspaces/acme/activity", OTHER, null));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(404));
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE email = 'x@acme.example'")
                .query(Long.class).single()).isZero();
        assertThat(accountCount()).isEqualTo(before);
        assertThat(call("GET", base + "/" + id, ACME, null).body().get("permission").asString())
                .isEqualTo("READ_ONLY");
        // and an account id of acme under the other workspace's own path is not found either
        assertThat(call("GET", "/api/v1/workspaces/other/accounts/" + id, OTHER, null).status()).isEqualTo(404);
    }

    @Test
    void disableListReactivateAndDeleteFollowTheStateMachine() {
        String base = "/api/v1/workspaces/acme/accounts";
        String id = call("POST", base + "/users", ACME, user(login())).body().get("id").asString();

        assertThat(call("POST", base + "/" + id + "/disable", ACME, null).body().get("status").asString())
                .isEqualTo("INACTIVE");
        assertThat(call("GET", base + "?status=INACTIVE&size=500", ACME, null).body().valueStream()
                .map(a -> a.get("id").asString())).contains(id);
        Response again = call("POST", base + "/" + id + "/disable", ACME, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("errors").get(0).get("code").asString()).isEqualTo("illegal_transition");

        assertThat(call("POST", base + "/" + id + "/reactivate", ACME, null).body().get("status").asString())
                .isEqualTo("ACTIVE");
        Response deleteActive = call("DELETE", base + "/" + id, ACME, null);
        assertThat(deleteActive.status()).isEqualTo(409);
        assertThat(deleteActive.body().get("detail").asString()).contains("disable it first");

        call("POST", base + "/" + id + "/disable", ACME, null);
        assertThat(call("DELETE", base + "/" + id, ACME, null).status()).isEqualTo(204);
        assertThat(call("GET", base + "/" + id, ACME, null).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE id = ?::uuid").param(id).query(Long.class)
                .single()).isZero();

        EnvelopeCodec codec = new EnvelopeCodec();
        List<String> types = kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(id), 5,
                Duration.ofSeconds(30)).stream().map(r -> codec.read(r.value()).type()).toList();
        // the refused disable and delete wrote nothing
        assertThat(types).containsExactly("account.created.v1", "account.status-changed.v1",
                "account.status-changed.v1", "account.status-changed.v1", "account.deleted.v1");
    }

    @Test
    void anAdminEditsPermissionAndBuckets() {
        String base = "/api/v1/workspaces/acme/accounts";
        String id = call("POST", base + "/users", ACME, user(login())).body().get("id").asString();
        Response updated = call("PATCH", base + "/" + id, ACME,
                "{\"permission\": \"WRITE_ONLY\", \"buckets\": [\"archive\", \"reports\"]}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("permission").asString()).isEqualTo("WRITE_ONLY");
        assertThat(updated.body().get("buckets").valueStream().map(JsonNode::asString))
                .containsExactly("archive", "reports");
        assertThat(kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(id)
                && r.value().contains("account.updated.v1"), 1, Duration.ofSeconds(30)).get(0).value())
                .contains("\"permission\"", "\"buckets\"");
    }

    @Test
    void anIdleTimeoutIsSetWhileAddingAUserAndEditedLater() {
        String base = "/api/v1/workspaces/acme/accounts";
        String login = login();
        Response created = call("POST", base + "/users", ACME,
                user(login).replace("\"creationNotification\"", "\"idleTimeoutMinutes\": 45, \"creationNotification\""));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("idleTimeoutMinutes").asInt()).isEqualTo(45);
        String id = created.body().get("id").asString();
        assertThat(jdbc.sql("SELECT idle_timeout_minutes FROM invite.account WHERE id = ?::uuid").param(id)
                .query(Integer.class).single()).isEqualTo(45);

        Response edited = call("PATCH", base + "/" + id, ACME, "{\"idleTimeoutMinutes\": 10}");
        assertThat(edited.body().get("idleTimeoutMinutes").asInt()).isEqualTo(10);
        Response kept = call("PATCH", base + "/" + id, ACME, "{\"city\": \"Helsinki\"}");
        assertThat(kept.body().get("idleTimeoutMinutes").asInt()).isEqualTo(10);

        Response refused = call("POST", base + "/users", ACME,
                user(login()).replace("\"creationNotification\"", "\"idleTimeoutMinutes\": 0, \"creationNotification\""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("idleTimeoutMinutes");
    }

    @Test
    void theSameIdempotencyKeyCreatesOneAccount() {
        String key = "idem-" + UUID.randomUUID();
        String body = user(login());
        Response first = call("POST", "/api/v1/workspaces/acme/accounts/users", ACME, body,
                Map.of("Idempotency-Key", key));
        Response second = call("POST", "/api/v1/workspaces/acme/accounts/users", ACME, body,
                Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().get("id").asString()).isEqualTo(first.body().get("id").asString());
    }

    /** A key is a request id: bounded like every request id, printable ASCII like every header value. */
    @Test
    void anIdempotencyKeyLongerThanARequestIdIsA400() {
        String path = "/api/v1/workspaces/acme/accounts/users";
        String login = login();
        Response tooLong = call("POST", path, ACME, user(login), Map.of("Idempotency-Key", "k".repeat(201)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.body().get("detail").asString())
                .isEqualTo("Idempotency-Key must be at most 200 printable ASCII characters (was 201 characters)");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login).query(Long.class)
                .single()).isZero();

        String longest = UUID.randomUUID() + "-" + "k".repeat(200 - 37);
        assertThat(call("POST", path, ACME, user(login), Map.of("Idempotency-Key", longest)).status())
                .isEqualTo(201);
        RawHttp.Answer nonAscii = RawHttp.send(port, "POST " + path + " HTTP/1.1\r\nContent-Type: application/json"
                + "\r\nContent-Length: 0\r\nAuthorization: " + ACME + "\r\nIdempotency-Key: cl\u00e9-"
                + UUID.randomUUID(), null);
        assertThat(nonAscii.status()).isEqualTo(400);
        assertThat(nonAscii.body()).contains("not all printable ASCII");
    }

    @Test
    void badInputGetsASpecificProblemAndWritesNothing() {
        String path = "/api/v1/workspaces/acme/accounts/users";
        long accounts = accountCount();
        long requests = jdbc.sql("SELECT count(*) FROM invite.account_request").query(Long.class).single();

        Response malformed = call("POST", path, ACME, "{\"login\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body().get("detail").asString()).startsWith("malformed JSON");

        Response unknown = call("POST", path, ACME, user(login()).replace("{", "{\"nickname\": \"x\", "));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("detail").asString()).isEqualTo("unknown field 'nickname'");

        Response wrongType = call("POST", path, ACME, user(login()).replace("\"creationNotification\": false",
                "\"creationNotification\": \"sometimes\""));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("detail").asString()).contains("creationNotification");

        Response oversized = call("POST", path, ACME, user(login()).replace("\"Linus\"",
                "\"" + "x".repeat(70_000) + "\""));
        assertThat(oversized.status()).isEqualTo(413);

        Response invalid = call("POST", path, ACME, """
                {"login": "x", "email": "nope", "firstName": "Ada\\r\\nBcc: evil@example.com", "status": "OPEN",
                 "mailLanguage": "xx", "tfa": "SMS", "suspensionDate": "2020-01-01T10:00", "permission": "ALL",
                 "buckets": ["UPPER"]}""");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("login", "email", "firstName", "lastName", "status", "mailLanguage", "phone",
                        "suspensionDate", "permission", "buckets");
        assertThat(invalid.body().get("errors").valueStream()
                .filter(e -> e.get("field").asString().equals("firstName")).findFirst().orElseThrow()
                .get("code").asString()).isEqualTo("control_character");

        String duplicate = login();
        assertThat(call("POST", path, ACME, user(duplicate)).status()).isEqualTo(201);
        Response conflict = call("POST", path, ACME, user(duplicate));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("login", "email");

        assertThat(accountCount()).isEqualTo(accounts + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account_request").query(Long.class).single())
                .isEqualTo(requests + 1);
    }
}
