package io.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.audit.app.AuditSinkApplication;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

/** audit-sink alone on the real broker and database: every consumed event becomes one activity-log row. */
@SpringBootTest(classes = AuditSinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class ActivityLogIT {

    private static KafkaTestClient kafka;
    private final EnvelopeCodec codec = new EnvelopeCodec();

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

    /** Each golden sample of the consumed topics, as the producer side would publish it, in a fresh workspace. */
    private Envelope<Payload> sample(MessageType type, String workspace) {
        Envelope<Payload> s = GoldenSamples.envelope(type);
        return new Envelope<>(UUID.randomUUID(), s.type(), Instant.now().minusSeconds(60), workspace, s.requestId(),
                s.actor(), s.payload());
    }

    @Test
    void everyAccountAndActivityEventIsLoggedOnceAndListedByTheApi() {
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        List<Envelope<Payload>> events = java.util.Arrays.stream(MessageType.values())
                .filter(t -> !t.isCommand() && t != MessageType.ACCOUNT_DELETED)
                .map(t -> sample(t, workspace))
                .toList();
        for (Envelope<Payload> e : events) {
            String json = codec.writeString(e);
            kafka.send(e.type().startsWith("activity.") ? Topics.ACTIVITY : Topics.ACCOUNT_EVENTS, e.key(), json);
            kafka.send(e.type().startsWith("activity.") ? Topics.ACTIVITY : Topics.ACCOUNT_EVENTS, e.key(), json);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> count(workspace) >= events.size());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> count(workspace) == events.size());

        Map<String, Object> created = jdbc.sql("SELECT * FROM audit.activity_log WHERE workspace_id = ? AND type = ?")
                .params(workspace, "account.created.v1").query().singleRow();
        assertThat(created.get("action")).isEqualTo("ACCOUNT_CREATED");
        assertThat((String) created.get("summary")).contains("USER account");
        Map<String, Object> bucket = jdbc.sql("SELECT * FROM audit.activity_log WHERE workspace_id = ? AND type = ?")
                .params(workspace, "bucket.created.v1").query().singleRow();
        assertThat(bucket).containsEntry("action", "BUCKET_CREATED").containsEntry("subject", "invoices-2026")
                .containsEntry("summary", "bucket invoices-2026 created");
        Map<String, Object> settings = jdbc.sql("SELECT * FROM audit.activity_log WHERE workspace_id = ? AND type = ?")
                .params(workspace, "workspace.settings-changed.v1").query().singleRow();
        assertThat(settings).containsEntry("action", "WORKSPACE_SETTINGS_CHANGED").containsEntry("summary",
                "session settings set: idle timeout 20 min (WORKSPACE_SETS), concurrent sessions off; changed: "
                        + "idleTimeoutPolicy, idleTimeoutMinutes, concurrentSessions");

        List<?> listed = RestClient.create("http://localhost:" + port).get()
                .uri("/api/v1/workspaces/{ws}/activity", workspace).retrieve().body(List.class);
        assertThat(listed).hasSize(events.size());
        List<?> otherWorkspace = RestClient.create("http://localhost:" + port).get()
                .uri("/api/v1/workspaces/{ws}/activity", "someone-else").retrieve().body(List.class);
        assertThat(otherWorkspace).isEmpty();
    }

    @Test
    void aDeletedAccountsEntriesKeepOnlyAPseudonym() {
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Envelope<Payload> created = sample(MessageType.ACCOUNT_CREATED, workspace);
        Envelope<Payload> deleted = sample(MessageType.ACCOUNT_DELETED, workspace);
        kafka.send(Topics.ACCOUNT_EVENTS, created.key(), codec.writeString(created));
        kafka.send(Topics.ACCOUNT_EVENTS, deleted.key(), codec.writeString(deleted));
        String accountId = ((io.roster.contracts.account.AccountCreated) created.payload()).accountId();
        String pseudonym = ((io.roster.contracts.account.AccountDeleted) deleted.payload()).pseudonymousId();

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM audit.activity_log WHERE workspace_id = ? AND account_id = ?")
                .params(workspace, pseudonym).query(Long.class).single() == 2);
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM audit.activity_log WHERE workspace_id = ?")
                .param(workspace).query().listOfRows();
        assertThat(rows).allSatisfy(row -> assertThat(row.values().toString())
                .doesNotContain(accountId, "ada.lovelace", "Lovelace"));
    }

    private long count(String workspace) {
        return jdbc.sql("SELECT count(*) FROM audit.activity_log WHERE workspace_id = ?").param(workspace)
                .query(Long.class).single();
    }
}
