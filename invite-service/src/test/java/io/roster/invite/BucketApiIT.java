package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.bucket.BucketCreated;
import io.roster.contracts.bucket.BucketDeleted;
import io.roster.invite.ApiClient.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The bucket registry over REST, on the real database and broker: CRUD, refusals, tenant isolation, enforcement. */
@InviteServiceIntegrationTest
class BucketApiIT extends InviteServiceTestSupport {

    private static final String ACME = "Bearer rk_acme.acme-secret";
    private static final String OTHER = "Bearer rk_other.other-secret";
    private static final String BUCKETS = "/api/v1/workspaces/acme/buckets";

    private static String bucketName() {
        return "b-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String user(String login, String... buckets) {
        return """
                {"login": "%s", "email": "%s@acme.example", "firstName": "Barbara", "lastName": "Liskov",
                 "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false,
                 "permission": "READ_WRITE", "buckets": [%s]}""".formatted(login, login,
                String.join(", ", List.of(buckets).stream().map(b -> "\"" + b + "\"").toList()));
    }

    private long bucketRows(String workspace, String name) {
        return jdbc.sql("SELECT count(*) FROM invite.bucket WHERE workspace_id = ? AND name = ?")
                .params(workspace, name).query(Long.class).single();
    }

    private static List<String> names(Response listed) {
        return listed.body().valueStream().map(b -> b.get("name").asString()).toList();
    }

    @Test
    void anAdminCreatesListsAndDeletesABucketAndEachChangeIsAnEvent() {
        String name = bucketName();
        String createKey = "bucket-create-" + UUID.randomUUID();
        Response created = call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "\"}",
                Map.of("Idempotency-Key", createKey));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).containsExactly(BUCKETS + "/" + name);
        assertThat(created.body().get("name").asString()).isEqualTo(name);
        assertThat(created.body().get("createdBy").get("kind").asString()).isEqualTo("ADMIN");
        assertThat(created.body().get("createdBy").get("id").asString()).isEqualTo("rk_acme");
        assertThat(created.body().get("accounts").asLong()).isZero();

        Envelope<Payload> event = eventsAnswering(createKey, 1).get(0);
        assertThat(event.payload()).isEqualTo(new BucketCreated(name));
        assertThat(event.actor().id()).isEqualTo("rk_acme");
        assertThat(event.key()).isEqualTo("acme/" + name);

        // the same Idempotency-Key again: the same answer, nothing new
        assertThat(call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "\"}", Map.of("Idempotency-Key", createKey))
                .status()).isEqualTo(201);
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + createKey + "\""),
                Duration.ofSeconds(2))).hasSize(1);

        assertThat(names(call("GET", BUCKETS + "?size=500", ACME, null))).contains(name, "reports", "archive");
        assertThat(call("GET", BUCKETS + "/" + name, ACME, null).body().get("name").asString()).isEqualTo(name);

        String deleteKey = "bucket-delete-" + UUID.randomUUID();
        assertThat(call("DELETE", BUCKETS + "/" + name, ACME, null, Map.of("Idempotency-Key", deleteKey)).status())
                .isEqualTo(204);
        assertThat(eventsAnswering(deleteKey, 1).get(0).payload()).isEqualTo(new BucketDeleted(name));
        assertThat(bucketRows("acme", name)).isZero();
        assertThat(call("GET", BUCKETS + "/" + name, ACME, null).status()).isEqualTo(404);
        Response again = call("DELETE", BUCKETS + "/" + name, ACME, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().get("errors").get(0).get("code").asString()).isEqualTo("not_found");
    }

    @Test
    void theListIsPagedByName() {
        String first = "a0-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(call("POST", BUCKETS, ACME, "{\"name\": \"" + first + "\"}").status()).isEqualTo(201);
        Response page = call("GET", BUCKETS + "?page=0&size=2", ACME, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().size()).isEqualTo(2);
        List<String> all = names(call("GET", BUCKETS + "?size=500", ACME, null));
        assertThat(all).isSorted();
        assertThat(names(call("GET", BUCKETS + "?page=1&size=1", ACME, null))).containsExactly(all.get(1));
        Response bad = call("GET", BUCKETS + "?size=0", ACME, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aDuplicateNameIsAConflictAndAnInvalidNameIsRefusedField() {
        String name = bucketName();
        assertThat(call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "\"}").status()).isEqualTo(201);
        Response duplicate = call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("errors").get(0).get("code").asString()).isEqualTo("duplicate");
        assertThat(bucketRows("acme", name)).isEqualTo(1);

        for (String invalid : List.of("Reports", "ab", "hr_2026", "-reports")) {
            Response refused = call("POST", BUCKETS, ACME, "{\"name\": \"" + invalid + "\"}");
            assertThat(refused.status()).as(invalid).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            JsonNode error = refused.body().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("name");
            assertThat(error.get("code").asString()).isEqualTo("invalid_value");
            assertThat(bucketRows("acme", invalid)).isZero();
        }
        Response missing = call("POST", BUCKETS, ACME, "{}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("errors").get(0).get("code").asString()).isEqualTo("required");
        assertThat(call("POST", BUCKETS, ACME, "{\"name\": \"x\", \"size\": 1}").status()).isEqualTo(400);
    }

    @Test
    void aBucketGrantedToAnAccountIsNotDeleted() {
        String name = bucketName();
        call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "\"}");
        String login = "bucket.user." + UUID.randomUUID().toString().substring(0, 8);
        Response user = call("POST", "/api/v1/workspaces/acme/accounts/users", ACME, user(login, name, "reports"));
        assertThat(user.status()).isEqualTo(201);
        String accountId = user.body().get("id").asString();
        assertThat(call("GET", BUCKETS + "/" + name, ACME, null).body().get("accounts").asLong()).isEqualTo(1);

        Response inUse = call("DELETE", BUCKETS + "/" + name, ACME, null);
        assertThat(inUse.status()).isEqualTo(409);
        JsonNode error = inUse.body().get("errors").get(0);
        assertThat(error.get("code").asString()).isEqualTo("bucket_in_use");
        assertThat(error.get("message").asString()).contains("1 account(s)", "0 pending invitation(s)");
        assertThat(bucketRows("acme", name)).isEqualTo(1);

        assertThat(call("PATCH", "/api/v1/workspaces/acme/accounts/" + accountId, ACME,
                "{\"buckets\": [\"reports\"]}").status()).isEqualTo(200);
        assertThat(call("DELETE", BUCKETS + "/" + name, ACME, null).status()).isEqualTo(204);
        assertThat(bucketRows("acme", name)).isZero();
    }

    @Test
    void aBucketOfAPendingInvitationIsNotDeletedAndAnUnknownBucketCannotBeInvitedTo() {
        String name = bucketName();
        call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "\"}");
        String email = "bucket.invitee." + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
        String invitation = "{\"emails\": [\"" + email + "\"], \"permission\": \"READ_ONLY\", \"buckets\": [\"%s\"],"
                + " \"mailLanguage\": \"en\"}";

        String unknown = bucketName();
        Response refused = call("POST", "/api/v1/workspaces/acme/invitations", ACME,
                invitation.formatted(name + "\", \"" + unknown));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors").size()).isEqualTo(1);
        JsonNode error = refused.body().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("buckets");
        assertThat(error.get("code").asString()).isEqualTo("bucket_unknown");
        assertThat(error.get("message").asString()).contains("'" + unknown + "'");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE email = ?").param(email).query(Long.class)
                .single()).isZero();

        Response invited = call("POST", "/api/v1/workspaces/acme/invitations", ACME, invitation.formatted(name));
        assertThat(invited.status()).isEqualTo(201);
        Response inUse = call("DELETE", BUCKETS + "/" + name, ACME, null);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.body().get("errors").get(0).get("message").asString())
                .contains("0 account(s)", "1 pending invitation(s)");

        String invitationId = jdbc.sql("SELECT id::text FROM invite.invitation WHERE email = ?").param(email)
                .query(String.class).single();
        assertThat(call("DELETE", "/api/v1/workspaces/acme/invitations/" + invitationId, ACME, null).status())
                .isLessThan(300);
        assertThat(call("DELETE", BUCKETS + "/" + name, ACME, null).status()).isEqualTo(204);
    }

    @Test
    void anAdminOfAnotherWorkspaceGets404AndBucketNamesArePerWorkspace() {
        String name = bucketName();
        call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "\"}");
        String mine = bucketName();
        List<Response> answers = List.of(
                call("GET", BUCKETS, OTHER, null),
                call("GET", BUCKETS + "/" + name, OTHER, null),
                call("POST", BUCKETS, OTHER, "{\"name\": \"" + mine + "\"}"),
                call("DELETE", BUCKETS + "/" + name, OTHER, null));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(404));
        assertThat(bucketRows("acme", name)).isEqualTo(1);
        assertThat(bucketRows("acme", mine)).isZero();
        assertThat(bucketRows("other", mine)).isZero();

        // other has its own namespace: the same name is a different bucket there
        assertThat(names(call("GET", "/api/v1/workspaces/other/buckets?size=500", OTHER, null))).doesNotContain(name);
        assertThat(call("GET", "/api/v1/workspaces/other/buckets/" + name, OTHER, null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/workspaces/other/buckets", OTHER, "{\"name\": \"" + name + "\"}").status())
                .isEqualTo(201);
        assertThat(call("DELETE", "/api/v1/workspaces/other/buckets/" + name, OTHER, null).status()).isEqualTo(204);
        assertThat(bucketRows("acme", name)).isEqualTo(1);
    }

    @Test
    void theOperatorCreatesAWorkspaceWithItsFirstBuckets() {
        String id = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = call("POST", "/api/v1/workspaces", "Bearer operator-test-token",
                "{\"id\": \"" + id + "\", \"buckets\": [\"finance\", \"hr-2026\", \"finance\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("buckets").valueStream().map(JsonNode::asString))
                .containsExactly("finance", "hr-2026");
        String key = "Bearer " + created.body().get("adminAccessKey").get("token").asString();
        Response listed = call("GET", "/api/v1/workspaces/" + id + "/buckets", key, null);
        assertThat(names(listed)).containsExactly("finance", "hr-2026");
        assertThat(listed.body().get(0).get("createdBy").get("kind").asString()).isEqualTo("SYSTEM");

        String other = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Response invalid = call("POST", "/api/v1/workspaces", "Bearer operator-test-token",
                "{\"id\": \"" + other + "\", \"buckets\": [\"ok-bucket\", \"Not_OK\"]}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("errors").get(0).get("field").asString()).isEqualTo("buckets");
        assertThat(invalid.body().get("errors").get(0).get("message").asString()).contains("Not_OK");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.workspace WHERE id = ?").param(other).query(Long.class)
                .single()).isZero();
    }

    @Test
    void theConfiguredBucketsAreSeeded() {
        assertThat(jdbc.sql("SELECT workspace_id || '/' || name FROM invite.bucket WHERE created_by = 'configuration'")
                .query(String.class).list()).contains("acme/reports", "acme/archive", "tiny/reports", "other/reports");
    }

    /**
     * Account creation does not check the registry yet: the lead wires {@code BucketRegistry.unknown} into the
     * account command handler. Refusals of this kind are 422 like every other field problem (see AccountApiIT).
     */
    @Test
    void aUserWithAnUnknownBucketIsRefused() {
        String login = "unknown.bucket." + UUID.randomUUID().toString().substring(0, 8);
        String unknown = bucketName();
        Response refused = call("POST", "/api/v1/workspaces/acme/accounts/users", ACME, user(login, "reports",
                unknown));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode error = refused.body().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("buckets");
        assertThat(error.get("code").asString()).isEqualTo("bucket_unknown");
        assertThat(error.get("message").asString()).contains("'" + unknown + "'");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE login = ?").param(login).query(Long.class)
                .single()).isZero();
    }

    /**
     * An Idempotency-Key is bound to the request it was first used for: the same key with another method, path or
     * body is refused with 422 and changes nothing (it used to answer 201 [] on POST /invitations, and 204 on a
     * DELETE that deleted nothing); the same key with the same request still replays the first answer.
     */
    @Test
    void anIdempotencyKeyReusedForAnotherRequestIsRefused() {
        String name = bucketName();
        String key = "bucket-key-" + UUID.randomUUID();
        assertThat(call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "\"}", Map.of("Idempotency-Key", key))
                .status()).isEqualTo(201);

        Response invitation = call("POST", "/api/v1/workspaces/acme/invitations", ACME,
                "{\"emails\": [\"key.reuse@acme.example\"], \"permission\": \"READ_ONLY\", \"mailLanguage\": \"en\"}",
                Map.of("Idempotency-Key", key));
        Response deletion = call("DELETE", BUCKETS + "/" + name, ACME, null, Map.of("Idempotency-Key", key));
        Response otherBody = call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "-2\"}",
                Map.of("Idempotency-Key", key));

        for (Response refused : List.of(invitation, deletion, otherBody)) {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("errors").get(0).get("code").asString()).isEqualTo("request_id_conflict");
        }
        assertThat(bucketRows("acme", name)).isEqualTo(1);
        assertThat(bucketRows("acme", name + "-2")).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE email = 'key.reuse@acme.example'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT type || ' ' || outcome FROM invite.account_request WHERE request_id = ?")
                .param(key).query(String.class).list()).containsExactly("bucket.create.v1 ACCEPTED");

        Response replay = call("POST", BUCKETS, ACME, "{\"name\": \"" + name + "\"}", Map.of("Idempotency-Key", key));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body().get("name").asString()).isEqualTo(name);
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + key + "\""),
                Duration.ofSeconds(2))).hasSize(1);
    }
}
