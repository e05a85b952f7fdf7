package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.InviteUsers;
import io.roster.contracts.account.ResetTwoFactor;
import io.roster.contracts.bucket.BucketCreated;
import io.roster.contracts.bucket.BucketDeleted;
import io.roster.contracts.bucket.CreateBucket;
import io.roster.contracts.bucket.DeleteBucket;
import io.roster.contracts.workspace.IdleTimeoutPolicy;
import io.roster.contracts.workspace.UpdateWorkspaceSettings;
import io.roster.contracts.workspace.WorkspaceSettingsChanged;
import io.roster.invite.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bucket and workspace-settings commands on roster.account.requests, against the real broker and database: each
 * outcome is an event carrying the request id, a request id is handled once, and REST takes the same path.
 */
@InviteServiceIntegrationTest
class WorkspaceRequestIT extends InviteServiceTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Actor UPSTREAM = new Actor(Actor.Kind.UPSTREAM, "storage-provisioner", null);
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void theGoldenSampleCreatesABucketOnceAndTheDeleteSampleRemovesIt() {
        Envelope<Payload> create = GoldenSamples.envelope(MessageType.CREATE_BUCKET);
        String name = ((CreateBucket) create.payload()).name();
        String createId = "bucket-create-" + UUID.randomUUID();
        Envelope<Payload> command = new Envelope<>(UUID.randomUUID(), create.type(), Instant.now(), "acme", createId,
                create.actor(), create.payload());
        publish(command);
        publish(command);

        Envelope<Payload> created = eventsFor(createId, 1).get(0);
        assertThat(created.type()).isEqualTo("bucket.created.v1");
        assertThat(created.payload()).isEqualTo(new BucketCreated(name));
        assertThat(created.actor()).isEqualTo(create.actor());
        assertThat(jdbc.sql("SELECT created_by_kind || ':' || created_by FROM invite.bucket"
                + " WHERE workspace_id = 'acme' AND name = ?").param(name).query(String.class).single())
                .isEqualTo("ADMIN:" + create.actor().id());
        assertThat(onlyEventsFor(createId)).hasSize(1);

        Envelope<Payload> delete = GoldenSamples.envelope(MessageType.DELETE_BUCKET);
        String deleteId = "bucket-delete-" + UUID.randomUUID();
        Envelope<Payload> deletion = new Envelope<>(UUID.randomUUID(), delete.type(), Instant.now(), "acme",
                deleteId, delete.actor(), delete.payload());
        publish(deletion);
        publish(deletion);
        assertThat(eventsFor(deleteId, 1).get(0).payload()).isEqualTo(new BucketDeleted(name));
        assertThat(onlyEventsFor(deleteId)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.bucket WHERE workspace_id = 'acme' AND name = ?")
                .param(name).query(Long.class).single()).isZero();
    }

    @Test
    void refusedBucketCommandsAreRejectionEventsWithTheirReasons() {
        String name = "k-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "kb-1-" + UUID.randomUUID();
        publish(command("tiny", new CreateBucket(name), first));
        assertThat(eventsFor(first, 1).get(0).type()).isEqualTo("bucket.created.v1");

        String duplicate = "kb-dup-" + UUID.randomUUID();
        publish(command("tiny", new CreateBucket(name), duplicate));
        AccountRequestRejected rejected = rejection(duplicate);
        assertThat(rejected.requestType()).isEqualTo("bucket.create.v1");
        assertThat(rejected.subject()).isEqualTo(name);
        assertThat(rejected.problems()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "duplicate"));

        String invalid = "kb-invalid-" + UUID.randomUUID();
        publish(command("tiny", new CreateBucket("Upper_Case"), invalid));
        assertThat(rejection(invalid).problems()).extracting(FieldProblem::code).containsExactly("invalid_value");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.bucket WHERE lower(name) = 'upper_case'").query(Long.class)
                .single()).isZero();

        String login = "kb.user." + UUID.randomUUID().toString().substring(0, 8);
        String userRequest = "kb-user-" + UUID.randomUUID();
        publish(command("tiny", new CreateUser(login, login + "@tiny.example", "Frances", "Allen", "CLOSED", "en",
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, false, null,
                null, null, null, "READ_ONLY", List.of(name)), userRequest));
        assertThat(eventsFor(userRequest, 1).get(0).type()).isEqualTo("account.created.v1");
        String inUse = "kb-in-use-" + UUID.randomUUID();
        publish(command("tiny", new DeleteBucket(name), inUse));
        FieldProblem problem = rejection(inUse).problems().get(0);
        assertThat(problem.code()).isEqualTo("bucket_in_use");
        assertThat(problem.message()).contains("1 account(s)");

        String unknown = "kb-unknown-" + UUID.randomUUID();
        publish(command("tiny", new DeleteBucket("no-such-bucket"), unknown));
        assertThat(rejection(unknown).problems()).extracting(FieldProblem::code).containsExactly("not_found");

        // a rejected request id stays rejected: the same command again changes nothing and says nothing new
        publish(command("tiny", new CreateBucket(name), duplicate));
        assertThat(onlyEventsFor(duplicate)).hasSize(1);
        // another command under that id changes nothing either, but is refused for the conflict (it used to vanish)
        publish(command("tiny", new CreateBucket(name + "-2"), duplicate));
        assertThat(eventsFor(duplicate, 2)).extracting(e -> ((AccountRequestRejected) e.payload()).problems().get(0))
                .extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("name", "duplicate"),
                        org.assertj.core.groups.Tuple.tuple("requestId", "request_id_conflict"));
        assertThat(jdbc.sql("SELECT count(*) FROM invite.bucket WHERE name = ?").param(name + "-2")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT outcome FROM invite.account_request WHERE workspace_id = 'tiny'"
                + " AND request_id = ?").param(duplicate).query(String.class).list()).containsExactly("REJECTED");
    }

    @Test
    void anInvitationOverKafkaNamingAnUnknownBucketIsRejected() {
        String email = "kb.invitee." + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
        String requestId = "kb-invite-" + UUID.randomUUID();
        publish(command("acme", new InviteUsers(List.of(email), false, "READ_ONLY", List.of("reports", "nowhere"),
                "en"), requestId));
        AccountRequestRejected rejected = rejection(requestId);
        assertThat(rejected.problems()).containsExactly(new FieldProblem("buckets", "bucket_unknown",
                "no bucket 'nowhere' in this workspace; an admin has to create it first"));
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE email = ?").param(email).query(Long.class)
                .single()).isZero();
    }

    @Test
    void settingsChangeOverKafkaOnceAndAbsentFieldsKeepTheirValue() {
        String requestId = "settings-" + UUID.randomUUID();
        Envelope<Payload> change = command("tiny", new UpdateWorkspaceSettings("WORKSPACE_SETS", 20, false, null),
                requestId);
        publish(change);
        publish(change);
        Envelope<Payload> event = eventsFor(requestId, 1).get(0);
        assertThat(event.type()).isEqualTo("workspace.settings-changed.v1");
        assertThat(event.key()).isEqualTo("tiny/settings");
        assertThat(event.payload()).isEqualTo(new WorkspaceSettingsChanged(IdleTimeoutPolicy.WORKSPACE_SETS, 20,
                false, false, List.of("idleTimeoutPolicy", "idleTimeoutMinutes", "concurrentSessions")));
        assertThat(onlyEventsFor(requestId)).hasSize(1);
        assertThat(policy("tiny")).isEqualTo("WORKSPACE_SETS/20/false/false");

        String partial = "settings-partial-" + UUID.randomUUID();
        publish(command("tiny", new UpdateWorkspaceSettings(null, 45, null, true), partial));
        assertThat(eventsFor(partial, 1).get(0).payload()).isEqualTo(new WorkspaceSettingsChanged(
                IdleTimeoutPolicy.WORKSPACE_SETS, 45, false, true,
                List.of("idleTimeoutMinutes", "usersMayChangeConcurrentSessions")));
        assertThat(policy("tiny")).isEqualTo("WORKSPACE_SETS/45/false/true");

        String invalid = "settings-invalid-" + UUID.randomUUID();
        publish(command("tiny", new UpdateWorkspaceSettings("SOMETIMES", 0, true, null), invalid));
        AccountRequestRejected rejected = rejection(invalid);
        assertThat(rejected.requestType()).isEqualTo("workspace.update-settings.v1");
        assertThat(rejected.problems()).extracting(FieldProblem::field)
                .containsExactly("idleTimeoutPolicy", "idleTimeoutMinutes");
        String empty = "settings-empty-" + UUID.randomUUID();
        publish(command("tiny", new UpdateWorkspaceSettings(null, null, null, null), empty));
        assertThat(rejection(empty).problems()).extracting(FieldProblem::code).containsExactly("required");
        assertThat(policy("tiny")).as("refused commands change nothing").isEqualTo("WORKSPACE_SETS/45/false/true");

        String restore = "settings-restore-" + UUID.randomUUID();
        publish(command("tiny", new UpdateWorkspaceSettings("USERS_CHOOSE", 30, true, false), restore));
        eventsFor(restore, 1);
    }

    @Test
    void theRestSettingsEndpointTakesTheCommandPathAndIsAnnouncedToo() {
        ApiClient api = new ApiClient(port);
        String key = "rest-settings-" + UUID.randomUUID();
        Response changed = api.call("PUT", "/api/v1/workspaces/other/settings/sessions", "Bearer rk_other.other-secret",
                "{\"idleTimeoutPolicy\": \"WORKSPACE_SETS\", \"idleTimeoutMinutes\": 15, \"concurrentSessions\": true,"
                        + " \"usersMayChangeConcurrentSessions\": false}", Map.of("Idempotency-Key", key));
        try {
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.body().get("idleTimeoutMinutes").asInt()).isEqualTo(15);
            Envelope<Payload> event = eventsFor(key, 1).get(0);
            assertThat(event.payload()).isEqualTo(new WorkspaceSettingsChanged(IdleTimeoutPolicy.WORKSPACE_SETS, 15,
                    true, false, List.of("idleTimeoutPolicy", "idleTimeoutMinutes")));
            assertThat(event.actor().kind()).isEqualTo(Actor.Kind.ADMIN);
            assertThat(event.actor().id()).isEqualTo("rk_other");
            assertThat(event.actor().clientIp()).isNotBlank();

            Response refused = api.call("PUT", "/api/v1/workspaces/other/settings/sessions",
                    "Bearer rk_other.other-secret", "{\"idleTimeoutPolicy\": \"WORKSPACE_SETS\","
                            + " \"idleTimeoutMinutes\": 5000, \"concurrentSessions\": true,"
                            + " \"usersMayChangeConcurrentSessions\": false}", Map.of("Idempotency-Key", key + "-bad"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body().get("errors").get(0).get("code").asString()).isEqualTo("out_of_range");
            assertThat(onlyEventsFor(key + "-bad")).as("an HTTP refusal is answered, not published").isEmpty();
            assertThat(policy("other")).isEqualTo("WORKSPACE_SETS/15/true/false");
        } finally {
            api.call("PUT", "/api/v1/workspaces/other/settings/sessions", "Bearer rk_other.other-secret",
                    "{\"idleTimeoutPolicy\": \"USERS_CHOOSE\", \"idleTimeoutMinutes\": 30, \"concurrentSessions\": true,"
                            + " \"usersMayChangeConcurrentSessions\": false}");
        }
    }

    private String policy(String workspace) {
        return jdbc.sql("SELECT idle_timeout_policy || '/' || idle_timeout_minutes || '/' || concurrent_sessions || '/'"
                + " || users_may_change_concurrent_sessions FROM invite.workspace WHERE id = ?").param(workspace)
                .query(String.class).single();
    }

    @Test
    void aTwoFactorResetOverKafkaIsAnAccountUpdateAndAnUnknownAccountIsRejected() {
        String login = "tfa.reset." + UUID.randomUUID().toString().substring(0, 8);
        String created = "tfa-user-" + UUID.randomUUID();
        publish(command("tiny", new CreateUser(login, login + "@tiny.example", "Radia", "Perlman", "CLOSED", "en",
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, false, null,
                null, null, null, "READ_ONLY", List.of()), created));
        String accountId = ((io.roster.contracts.account.AccountCreated) eventsFor(created, 1).get(0).payload())
                .accountId();

        String reset = "tfa-reset-" + UUID.randomUUID();
        publish(command("tiny", new ResetTwoFactor(accountId, "TOTP"), reset));
        publish(command("tiny", new ResetTwoFactor(accountId, "TOTP"), reset));
        assertThat(eventsFor(reset, 1).get(0).payload())
                .isEqualTo(new io.roster.contracts.account.AccountUpdated(accountId, List.of("totpEnrollment")));
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + reset + "\""),
                Duration.ofSeconds(2))).hasSize(1);

        String elsewhere = "tfa-reset-other-" + UUID.randomUUID();
        publish(command("acme", new ResetTwoFactor(accountId, "FIDO2"), elsewhere));
        AccountRequestRejected notHere = (AccountRequestRejected) eventsFor(elsewhere, 1).get(0).payload();
        assertThat(notHere.problems()).extracting(FieldProblem::code).containsExactly("not_found");

        String badMethod = "tfa-reset-bad-" + UUID.randomUUID();
        publish(command("tiny", new ResetTwoFactor(accountId, "SMS"), badMethod));
        AccountRequestRejected refused = (AccountRequestRejected) eventsFor(badMethod, 1).get(0).payload();
        assertThat(refused.problems()).extracting(FieldProblem::field).containsExactly("method");
    }

    private Envelope<Payload> command(String workspace, Payload payload, String requestId) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), Instant.now(), workspace,
                requestId, UPSTREAM, payload);
    }

    private void publish(Envelope<?> envelope) {
        kafka.send(Topics.ACCOUNT_REQUESTS, envelope.key(), codec.writeString(envelope));
    }

    private AccountRequestRejected rejection(String requestId) {
        Envelope<Payload> event = eventsFor(requestId, 1).get(0);
        assertThat(event.type()).isEqualTo("account.request-rejected.v1");
        return (AccountRequestRejected) event.payload();
    }

    private List<Envelope<Payload>> eventsFor(String requestId, int count) {
        return kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + requestId + "\""), count, WAIT)
                .stream().map(r -> codec.read(r.value())).toList();
    }

    /** Every event of the request id seen within two seconds: to show that nothing more came. */
    private List<String> onlyEventsFor(String requestId) {
        return kafka.readAll(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + requestId + "\""),
                Duration.ofSeconds(2)).stream().map(r -> r.value()).toList();
    }
}
