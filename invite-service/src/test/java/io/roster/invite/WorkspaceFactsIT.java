package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.Application;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.contracts.workspace.IdleTimeoutPolicy;
import io.roster.contracts.workspace.UpdateWorkspaceSettings;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.workspace.WorkspacePlan;
import io.roster.invite.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Every change of a workspace's facts puts its whole current state on the compacted topic roster.workspaces, keyed
 * by the workspace id, through the outbox in the transaction of the change.
 */
@InviteServiceIntegrationTest
class WorkspaceFactsIT extends InviteServiceTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void creatingAWorkspaceAndChangingItsSettingsEachPublishItsCompleteFacts() {
        String id = "facts-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = call("POST", "/api/v1/workspaces", "Bearer operator-test-token", """
                {"id": "%s", "name": "Facts Inc", "plan": "TRIAL", "licenceCount": 7, "timeZone": "Europe/Berlin",
                 "applications": ["WORK", "SAVE"], "tfaModes": ["TOTP"]}""".formatted(id));
        assertThat(created.status()).isEqualTo(201);
        String adminKey = created.body().get("adminAccessKey").get("token").asString();

        Envelope<Payload> first = factsOf(id, 1).get(0);
        assertThat(first.workspaceId()).isEqualTo(id);
        assertThat(first.actor().id()).isEqualTo("platform-operator");
        WorkspaceFacts facts = (WorkspaceFacts) first.payload();
        assertThat(facts).isEqualTo(new WorkspaceFacts("Facts Inc", WorkspacePlan.TRIAL, 7, "Europe/Berlin",
                List.of(Application.SAVE, Application.WORK), List.of(TwoFactorMode.TOTP),
                IdleTimeoutPolicy.USERS_CHOOSE, 30, true, false));
        assertThat(facts.rules(Instant.now()).timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));

        // over Kafka
        String requestId = "facts-settings-" + UUID.randomUUID();
        Envelope<UpdateWorkspaceSettings> change = new Envelope<>(UUID.randomUUID(),
                MessageType.UPDATE_WORKSPACE_SETTINGS.typeName(), Instant.now(), id, requestId,
                new Actor(Actor.Kind.UPSTREAM, "policy-sync", null),
                new UpdateWorkspaceSettings("WORKSPACE_SETS", 20, false, null));
        kafka.send(Topics.ACCOUNT_REQUESTS, change.key(), codec.writeString(change));

        Envelope<Payload> second = factsOf(id, 2).get(1);
        assertThat(second.requestId()).isEqualTo(requestId);
        assertThat(second.payload()).isEqualTo(new WorkspaceFacts("Facts Inc", WorkspacePlan.TRIAL, 7, "Europe/Berlin",
                List.of(Application.SAVE, Application.WORK), List.of(TwoFactorMode.TOTP),
                IdleTimeoutPolicy.WORKSPACE_SETS, 20, false, false));

        // over HTTP; a refused change publishes nothing
        String refusedKey = "facts-refused-" + UUID.randomUUID();
        assertThat(call("PUT", "/api/v1/workspaces/" + id + "/settings/sessions", "Bearer " + adminKey,
                "{\"idleTimeoutPolicy\": \"USERS_CHOOSE\", \"idleTimeoutMinutes\": 5000, \"concurrentSessions\": true,"
                        + " \"usersMayChangeConcurrentSessions\": true}", Map.of("Idempotency-Key", refusedKey))
                .status()).isEqualTo(422);
        assertThat(call("PUT", "/api/v1/workspaces/" + id + "/settings/sessions", "Bearer " + adminKey,
                "{\"idleTimeoutPolicy\": \"USERS_CHOOSE\", \"idleTimeoutMinutes\": 45, \"concurrentSessions\": true,"
                        + " \"usersMayChangeConcurrentSessions\": true}").status()).isEqualTo(200);
        List<Envelope<Payload>> all = factsOf(id, 3);
        assertThat(all.get(2).payload()).isEqualTo(new WorkspaceFacts("Facts Inc", WorkspacePlan.TRIAL, 7,
                "Europe/Berlin", List.of(Application.SAVE, Application.WORK), List.of(TwoFactorMode.TOTP),
                IdleTimeoutPolicy.USERS_CHOOSE, 45, true, true));
        assertThat(all.get(2).actor().kind()).isEqualTo(Actor.Kind.ADMIN);
        assertThat(kafka.readAll(Topics.WORKSPACES, r -> id.equals(r.key()), Duration.ofSeconds(2)))
                .as("nothing for the refused change").hasSize(3);
    }

    @Test
    void theConfiguredWorkspacesAreAnnouncedAtStartUp() {
        Envelope<Payload> acme = factsOf("acme", 1).get(0);
        assertThat(acme.actor()).isEqualTo(Actor.system("start-up"));
        WorkspaceFacts facts = (WorkspaceFacts) acme.payload();
        assertThat(facts.licenceCount()).isEqualTo(jdbc.sql("SELECT licence_count FROM invite.workspace WHERE id ="
                + " 'acme'").query(Integer.class).single());
        assertThat(facts.timeZone()).isEqualTo(jdbc.sql("SELECT time_zone FROM invite.workspace WHERE id = 'acme'")
                .query(String.class).single());
    }

    /** The first {@code count} records of the workspace on roster.workspaces, each keyed by its id alone. */
    private List<Envelope<Payload>> factsOf(String workspaceId, int count) {
        List<ConsumerRecord<String, String>> records = kafka.await(Topics.WORKSPACES,
                r -> workspaceId.equals(r.key()), count, WAIT);
        records.forEach(r -> assertThat(r.value()).contains("\"type\":\"workspace.facts.v1\""));
        return records.stream().map(r -> codec.read(r.value())).toList();
    }
}
