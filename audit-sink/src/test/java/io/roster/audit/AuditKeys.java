package io.roster.audit;

import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Publishes access-key events as invite-service does, and waits until audit-sink has applied them. */
final class AuditKeys {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private AuditKeys() {
    }

    /** A fresh key of the workspace, known to audit-sink when this returns; its whole token. */
    static String issue(KafkaTestClient kafka, JdbcClient jdbc, String workspace) {
        String keyId = "rk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        publish(kafka, workspace, new AccessKeyIssued(keyId, "test", sha256Hex(secret), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM audit.access_key WHERE id = ?").param(keyId).query(Long.class).single() == 1);
        return keyId + "." + secret;
    }

    static Envelope<Payload> revoke(KafkaTestClient kafka, String workspace, String token) {
        return publish(kafka, workspace, new AccessKeyRevoked(token.substring(0, token.indexOf('.')), Instant.now()));
    }

    /**
     * As a replay of events older than the log's retention: the key replica applies them, the activity log leaves
     * them out, so that the tests' workspaces hold only the entries the tests make (ActivityLogIT checks the key
     * entries themselves).
     */
    static Envelope<Payload> publish(KafkaTestClient kafka, String workspace, Payload payload) {
        return publish(kafka, workspace, payload, Instant.now().minus(Duration.ofDays(400)));
    }

    static Envelope<Payload> publish(KafkaTestClient kafka, String workspace, Payload payload, Instant at) {
        Envelope<Payload> event = new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), at,
                workspace, "key-" + UUID.randomUUID(), Actor.system("invite-service"), payload);
        kafka.send(Topics.ACCESS_KEYS, event.key(), CODEC.writeString(event));
        return event;
    }

    static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
