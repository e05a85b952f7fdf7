package io.roster.invite;

import io.roster.adminaccess.SecretHashes;
import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.contracts.access.RevokeAccessKey;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.invite.ApiClient.Response;
import io.roster.invite.access.AccessKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every access-key change is announced on roster.access-keys with the secret's hash, never the secret. */
@InviteServiceIntegrationTest
class AccessKeyEventsIT extends InviteServiceTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACME = "Bearer rk_acme.acme-secret";
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Autowired
    AccessKeys keys;

    private List<Envelope<Payload>> keyEvents(String keyId, int count) {
        return kafka.await(Topics.ACCESS_KEYS, r -> r.key().endsWith("/" + keyId), count, WAIT).stream()
                .map(r -> codec.read(r.value())).toList();
    }

    @Test
    void issuingAndRevokingOverHttpAnnounceTheKeyWithItsHashOnly() {
        Response issued = call("POST", "/api/v1/workspaces/acme/access-keys", ACME, "{\"name\": \"ci\"}");
        assertThat(issued.status()).isEqualTo(201);
        String keyId = issued.body().get("id").asString();
        String token = issued.body().get("token").asString();
        String secret = token.substring(token.indexOf('.') + 1);

        ConsumerRecord<String, String> record = kafka.await(Topics.ACCESS_KEYS,
                r -> r.key().equals("acme/" + keyId), 1, WAIT).get(0);
        assertThat(record.value()).doesNotContain(secret);
        Envelope<Payload> event = codec.read(record.value());
        assertThat(event.type()).isEqualTo("access-key.issued.v1");
        assertThat(event.actor()).isEqualTo(new Actor(Actor.Kind.ADMIN, "rk_acme", "127.0.0.1"));
        AccessKeyIssued payload = (AccessKeyIssued) event.payload();
        assertThat(payload.keyId()).isEqualTo(keyId);
        assertThat(payload.name()).isEqualTo("ci");
        assertThat(payload.secretSha256()).isEqualTo(HexFormat.of().formatHex(SecretHashes.sha256(secret)));

        assertThat(call("DELETE", "/api/v1/workspaces/acme/access-keys/" + keyId, ACME, null).status())
                .isEqualTo(204);
        List<Envelope<Payload>> events = keyEvents(keyId, 2);
        assertThat(events).extracting(Envelope::type)
                .containsExactly("access-key.issued.v1", "access-key.revoked.v1");
        assertThat(((AccessKeyRevoked) events.get(1).payload()).keyId()).isEqualTo(keyId);
        // revoking again: nothing to revoke, nothing announced
        Response again = call("DELETE", "/api/v1/workspaces/acme/access-keys/" + keyId, ACME, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().get("errors").get(0).get("field").asString()).isEqualTo("keyId");
        assertThat(kafka.readAll(Topics.ACCESS_KEYS, r -> r.key().endsWith("/" + keyId), Duration.ofSeconds(2)))
                .hasSize(2);
    }

    @Test
    void theRevokeCommandOnKafkaRevokesAndAnnouncesOrIsRejected() {
        String token = call("POST", "/api/v1/workspaces/acme/access-keys", ACME, "{\"name\": \"robot\"}").body()
                .get("token").asString();
        String keyId = token.substring(0, token.indexOf('.'));
        assertThat(call("GET", "/api/v1/workspaces/acme/accounts", "Bearer " + token, null).status()).isEqualTo(200);

        // a key of acme named in a command for another workspace: not found there, and left alone
        Envelope<RevokeAccessKey> foreign = revoke("other", keyId);
        kafka.send(Topics.ACCOUNT_REQUESTS, foreign.key(), codec.writeString(foreign));
        Envelope<Payload> rejected = codec.read(kafka.await(Topics.ACCOUNT_EVENTS,
                r -> r.value().contains(foreign.requestId()), 1, WAIT).get(0).value());
        assertThat(((AccountRequestRejected) rejected.payload()).problems())
                .extracting(p -> p.field() + ":" + p.code()).containsExactly("keyId:not_found");
        assertThat(call("GET", "/api/v1/workspaces/acme/accounts", "Bearer " + token, null).status()).isEqualTo(200);

        Envelope<RevokeAccessKey> command = revoke("acme", keyId);
        kafka.send(Topics.ACCOUNT_REQUESTS, command.key(), codec.writeString(command));
        kafka.send(Topics.ACCOUNT_REQUESTS, command.key(), codec.writeString(command));
        Envelope<Payload> revoked = keyEvents(keyId, 2).get(1);
        assertThat(revoked.type()).isEqualTo("access-key.revoked.v1");
        assertThat(revoked.requestId()).isEqualTo(command.requestId());
        assertThat(revoked.actor().kind()).isEqualTo(Actor.Kind.UPSTREAM);
        assertThat(call("GET", "/api/v1/workspaces/acme/accounts", "Bearer " + token, null).status()).isEqualTo(401);
        // the duplicate command was skipped by request id: one revocation only
        assertThat(kafka.readAll(Topics.ACCESS_KEYS, r -> r.key().endsWith("/" + keyId), Duration.ofSeconds(2)))
                .hasSize(2);
    }

    @Test
    void theOperatorsFirstKeyAndConfiguredKeysAreAnnouncedOnce() {
        String id = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = call("POST", "/api/v1/workspaces", "Bearer operator-test-token",
                "{\"id\": \"" + id + "\", \"plan\": \"TRIAL\", \"licenceCount\": 5}");
        assertThat(created.status()).isEqualTo(201);
        String keyId = created.body().get("adminAccessKey").get("id").asString();
        Envelope<Payload> issued = keyEvents(keyId, 1).get(0);
        assertThat(issued.workspaceId()).isEqualTo(id);
        assertThat(issued.actor().id()).isEqualTo("platform-operator");

        // the configured key of acme: announced when first stored, not again on later start-ups
        keys.storeConfigured("acme", "rk_acme.acme-secret", "configured");
        assertThat(kafka.readAll(Topics.ACCESS_KEYS, r -> r.key().equals("acme/rk_acme"), Duration.ofSeconds(2)))
                .hasSize(1).allSatisfy(r -> assertThat(r.value()).doesNotContain("acme-secret"));
    }

    @Test
    void keysStoredBeforeAnnouncementsExistedAreAnnouncedOnceAtStartUp() {
        String keyId = "rk_legacy" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO invite.access_key (id, workspace_id, name, secret_sha256, revoked_at, announced)"
                        + " VALUES (?, 'acme', 'legacy', ?, now(), false)")
                .params(keyId, SecretHashes.sha256("legacy-secret")).update();

        assertThat(keys.announceExisting()).isGreaterThanOrEqualTo(1);
        assertThat(keys.announceExisting()).isZero();
        assertThat(keyEvents(keyId, 2)).extracting(Envelope::type)
                .containsExactly("access-key.issued.v1", "access-key.revoked.v1");
    }

    private static Envelope<RevokeAccessKey> revoke(String workspace, String keyId) {
        return new Envelope<>(UUID.randomUUID(), MessageType.REVOKE_ACCESS_KEY.typeName(), Instant.now(), workspace,
                "revoke-" + UUID.randomUUID(), new Actor(Actor.Kind.UPSTREAM, "hr-system", null),
                new RevokeAccessKey(keyId));
    }
}
