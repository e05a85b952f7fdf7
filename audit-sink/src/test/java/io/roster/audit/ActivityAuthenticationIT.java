package io.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.audit.app.AuditSinkApplication;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * audit-sink alone checks admin keys itself, against the keys invite-service announced on roster.access-keys:
 * the same answers as invite-service (401 problem+json without a valid key, 404 for another workspace).
 */
@SpringBootTest(classes = AuditSinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class ActivityAuthenticationIT {

    private static KafkaTestClient kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private HttpResponse<String> get(String path, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String workspace() {
        return "ws-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void onlyAValidKeyOfTheWorkspaceReadsItsActivity() {
        String a = workspace();
        String b = workspace();
        String keyA = AuditKeys.issue(kafka, jdbc, a);
        String keyB = AuditKeys.issue(kafka, jdbc, b);
        String pathA = "/api/v1/workspaces/" + a + "/activity";

        HttpResponse<String> none = get(pathA, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"roster\"");
        assertThat(none.body()).contains("\"status\":401");
        String keyId = keyA.substring(0, keyA.indexOf('.'));
        assertThat(get(pathA, keyId + ".wrong-secret").statusCode()).isEqualTo(401);
        assertThat(get(pathA, "nonsense").statusCode()).isEqualTo(401);
        assertThat(get(pathA, "rk_unknown.secret").statusCode()).isEqualTo(401);

        HttpResponse<String> foreign = get("/api/v1/workspaces/" + b + "/activity", keyA);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(get(pathA, keyB).statusCode()).isEqualTo(404);

        assertThat(get(pathA, keyA).statusCode()).isEqualTo(200);
        assertThat(get(pathA, keyA).body()).isEqualTo("[]");
        assertThat(get("/api/v1/workspaces/" + b + "/activity", keyB).statusCode()).isEqualTo(200);
    }

    @Test
    void badParametersAreListedFieldByField() {
        String ws = workspace();
        String key = AuditKeys.issue(kafka, jdbc, ws);
        HttpResponse<String> bad = get("/api/v1/workspaces/" + ws
                + "/activity?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z&size=0", key);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(bad.body()).contains("\"errors\"", "\"field\":\"from\"", "\"field\":\"size\"");
    }

    @Test
    void aRevokedKeyStopsWorkingOnceTheEventArrivesAndStaysRevoked() {
        String ws = workspace();
        String key = AuditKeys.issue(kafka, jdbc, ws);
        String other = AuditKeys.issue(kafka, jdbc, ws);
        String path = "/api/v1/workspaces/" + ws + "/activity";
        assertThat(get(path, key).statusCode()).isEqualTo(200);

        AuditKeys.revoke(kafka, ws, key);
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path, key).statusCode() == 401);

        // a late or repeated announcement of the key (a new event id, as a replay would bring) does not revive it
        String keyId = key.substring(0, key.indexOf('.'));
        Envelope<Payload> replay = AuditKeys.publish(kafka, ws, new AccessKeyIssued(keyId, "test",
                AuditKeys.sha256Hex(key.substring(key.indexOf('.') + 1)), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM audit.inbox WHERE event_id = ?").param(replay.eventId())
                .query(Long.class).single() == 1);
        kafka.send(Topics.ACCESS_KEYS, replay.key(), new EnvelopeCodec().writeString(replay));
        assertThat(get(path, key).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT revoked_at IS NOT NULL FROM audit.access_key WHERE id = ?").param(keyId)
                .query(Boolean.class).single()).isTrue();
        // the workspace's other key is untouched
        assertThat(get(path, other).statusCode()).isEqualTo(200);
    }
}
