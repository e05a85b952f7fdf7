package io.roster.adminaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.messaging.MessagingSupport;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructureInitializer;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service that keeps a replica, against the real broker and database: a key announced on roster.access-keys opens
 * its workspace's endpoints, a revoked one answers 401, a key of another workspace 404 — problem+json, with no advice
 * of the service's own.
 */
@SpringBootTest(classes = AdminAccessIT.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class AdminAccessIT {

    static final String SCHEMA = "admin_access_it";

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Service {

        @Bean
        Flyway itFlyway(DataSource dataSource) {
            return MessagingSupport.flyway(dataSource, SCHEMA, AdminAccess.MIGRATIONS);
        }

        @Bean
        FlywayMigrationInitializer itFlywayInitializer(@Qualifier("itFlyway") Flyway flyway) {
            return new FlywayMigrationInitializer(flyway);
        }

        @Bean
        AccessKeyReplica itAccessKeys(AdminAccess adminAccess) {
            return adminAccess.replica(SCHEMA, "roster-admin-access-it");
        }

        @Bean
        AdminEndpoints itAdminEndpoints(AccessKeyReplica keys) {
            return new AdminEndpoints("io.roster.adminaccess", keys);
        }

        @Bean
        ThingController itThings() {
            return new ThingController();
        }
    }

    /** An admin endpoint: it tells which key it was called with. */
    @RestController
    static class ThingController {

        @GetMapping("/api/v1/workspaces/{workspaceId}/things")
        Map<String, String> things(@PathVariable String workspaceId, HttpServletRequest request) {
            return Map.of("keyId", AdminKey.of(request).orElseThrow().keyId());
        }
    }

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static KafkaTestClient kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessKeyReplica replica;

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

    @Test
    void anAnnouncedKeyOpensItsWorkspaceOnlyUntilItIsRevoked() {
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        String keyId = "rk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        String token = keyId + "." + secret;
        String path = "/api/v1/workspaces/" + workspace + "/things";
        assertThat(get(path, token).statusCode()).as("not announced yet").isEqualTo(401);

        publish(workspace, new AccessKeyIssued(keyId, "it", sha256Hex(secret), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path, token).statusCode() == 200);
        assertThat(get(path, token).body()).isEqualTo("{\"keyId\":\"" + keyId + "\"}");
        assertThat(jdbc.sql("SELECT workspace_id, name FROM " + SCHEMA + ".access_key WHERE id = ?").param(keyId)
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).single()).isEqualTo(workspace + "/it");

        HttpResponse<String> wrongSecret = get(path, keyId + ".wrong-secret");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"roster\"");
        assertThat(wrongSecret.body()).contains("\"status\":401",
                "an admin access key is required: Authorization: Bearer <key id>.<secret>");
        assertThat(get(path, null).statusCode()).isEqualTo(401);

        HttpResponse<String> foreign = get("/api/v1/workspaces/" + other + "/things", token);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(foreign.body()).contains("\"status\":404", "no workspace '" + other + "'")
                .doesNotContain(workspace);

        publish(workspace, new AccessKeyRevoked(keyId, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path, token).statusCode() == 401);

        // a late or replayed announcement of the key (a new event id) does not bring it back
        Envelope<Payload> replay = publish(workspace,
                new AccessKeyIssued(keyId, "it", sha256Hex(secret), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM " + SCHEMA + ".inbox WHERE event_id = ?").param(replay.eventId())
                .query(Long.class).single() == 1);
        assertThat(get(path, token).statusCode()).isEqualTo(401);
    }

    /**
     * The topic is empty nearly always: an idle replica's consumer waits on the broker for half a second a fetch,
     * rather than fetching 40 times a second (and a key announced meanwhile is answered at once, above).
     */
    @Test
    void anIdleReplicaFetchesAFewTimesASecondOnly() {
        await().atMost(Duration.ofSeconds(30)).until(() -> fetches() > 0);
        double before = fetches();
        long from = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        double seconds = (System.nanoTime() - from) / 1e9;
        double perSecond = (fetches() - before) / seconds;
        // 2 a second at most when idle (fetch.max.wait.ms=500); 40 with the event streams' 25 ms
        assertThat(perSecond).as("fetches per second over %.1f s", seconds).isLessThan(5);
    }

    private double fetches() {
        return replica.consumerMetrics().values().stream().flatMap(metrics -> metrics.entrySet().stream())
                .filter(e -> e.getKey().name().equals("fetch-total")
                        && e.getKey().group().equals("consumer-fetch-manager-metrics")
                        && !e.getKey().tags().containsKey("topic"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
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

    private static Envelope<Payload> publish(String workspace, Payload payload) {
        Envelope<Payload> event = new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), Instant.now(),
                workspace, "key-" + UUID.randomUUID(), Actor.system("invite-service"), payload);
        kafka.send(Topics.ACCESS_KEYS, event.key(), CODEC.writeString(event));
        return event;
    }

    private static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(SecretHashes.sha256(secret));
    }
}
