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
import io.roster.contracts.access.AccessKeyIssued;
import io.roster.contracts.access.AccessKeyRevoked;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.invitation.InvitationChanged;
import io.roster.contracts.workspace.WorkspaceFacts;
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
                .filter(t -> !t.isCommand() && !Topics.COMPACTED.contains(t.topic())
                        && t != MessageType.ACCOUNT_DELETED)
                .map(t -> sample(t, workspace))
                .toList();
        for (Envelope<Payload> e : events) {
            String json = codec.writeString(e);
            String topic = MessageType.byName(e.type()).orElseThrow().topic();
            kafka.send(topic, e.key(), json);
            kafka.send(topic, e.key(), json);
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
                "session settings set: idle timeout 20 min (WORKSPACE_SETS), concurrent sessions off; automatic"
                        + " suspension after 90 d without sign-in (warned 7 d before), expiry after 30 d suspended;"
                        + " changed: idleTimeoutPolicy, idleTimeoutMinutes, concurrentSessions, automaticSuspension");

        Map<String, Object> imported = jdbc.sql("SELECT * FROM audit.activity_log WHERE workspace_id = ? AND type = ?")
                .params(workspace, "import.completed.v1").query().singleRow();
        assertThat(imported).containsEntry("action", "IMPORT_COMPLETED").containsEntry("summary", "USERS import of "
                + "users.xlsx completed: 120 rows read, 3 invalid, 116 accounts created, 1 refused when applied");

        String key = AuditKeys.issue(kafka, jdbc, workspace);
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + key).build();
        List<?> listed = http.get().uri("/api/v1/workspaces/{ws}/activity", workspace).retrieve().body(List.class);
        assertThat(listed).hasSize(events.size());
        // the key's own workspace only: another one is not found (as if it did not exist)
        int otherWorkspace = http.get().uri("/api/v1/workspaces/{ws}/activity", "someone-else")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(otherWorkspace).isEqualTo(404);
        // a cursor the report did not give is refused, not a 500
        int forged = http.get().uri("/api/v1/workspaces/{ws}/activity?cursor=AAAA", workspace)
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(forged).isEqualTo(400);
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

    @Test
    void aDeletedAccountsInvitationEntriesLoseTheAddressToo() {
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Envelope<Payload> created = sample(MessageType.ACCOUNT_CREATED, workspace);
        Envelope<Payload> deleted = sample(MessageType.ACCOUNT_DELETED, workspace);
        AccountCreated account = (AccountCreated) created.payload();
        String pseudonym = ((AccountDeleted) deleted.payload()).pseudonymousId();
        String invitation = UUID.randomUUID().toString();
        String address = account.email();
        Envelope<Payload> sent = invitationEvent(workspace, invitation, InvitationChanged.Change.SENT, address, null);
        List<Envelope<Payload>> before = List.of(sent,
                invitationEvent(workspace, invitation, InvitationChanged.Change.RESENT, address, null),
                invitationEvent(workspace, invitation, InvitationChanged.Change.ACCEPTED, address, account.accountId()),
                created);
        // another invitee's invitation, cancelled: not this account's, it keeps its address
        String otherInvitation = UUID.randomUUID().toString();
        List<Envelope<Payload>> unrelated = List.of(
                invitationEvent(workspace, otherInvitation, InvitationChanged.Change.SENT, "other@acme.example", null),
                invitationEvent(workspace, otherInvitation, InvitationChanged.Change.CANCELLED, "other@acme.example",
                        null));
        for (Envelope<Payload> e : concat(before, unrelated)) {
            kafka.send(Topics.ACCOUNT_EVENTS, e.key(), codec.writeString(e));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(workspace) == 6);

        kafka.send(Topics.ACCOUNT_EVENTS, deleted.key(), codec.writeString(deleted));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM audit.activity_log WHERE workspace_id = ? AND account_id = ?")
                .params(workspace, pseudonym).query(Long.class).single() == 5);
        // an entry of that invitation arriving late (a lagging partition): erased as it is recorded
        Envelope<Payload> late = invitationEvent(workspace, invitation, InvitationChanged.Change.RESENT, address, null);
        kafka.send(Topics.ACCOUNT_EVENTS, late.key(), codec.writeString(late));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(workspace) == 8);

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM audit.activity_log WHERE workspace_id = ?"
                + " AND account_id = ?").params(workspace, pseudonym).query().listOfRows();
        assertThat(rows).hasSize(6).extracting(r -> r.get("action")).contains("INVITATION_SENT",
                "INVITATION_RESENT", "INVITATION_ACCEPTED", "ACCOUNT_CREATED", "ACCOUNT_DELETED");
        assertThat(rows).allSatisfy(row -> assertThat(row.values().toString())
                .doesNotContain(address, account.accountId(), account.login()));
        List<Map<String, Object>> others = jdbc.sql("SELECT * FROM audit.activity_log WHERE workspace_id = ?"
                + " AND invitation_id = ?").params(workspace, otherInvitation).query().listOfRows();
        assertThat(others).hasSize(2).allSatisfy(row -> assertThat(row.get("subject")).isEqualTo("other@acme.example"));
        assertThat(jdbc.sql("SELECT account_id, pseudonymous_id FROM audit.invitation_account"
                + " WHERE workspace_id = ?").param(workspace).query().singleRow())
                .containsEntry("account_id", null).containsEntry("pseudonymous_id", pseudonym);
    }

    @Test
    void accessKeysIssuedAndRevokedAreEntriesOfTheirWorkspace() {
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        String keyId = "rk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
        Envelope<Payload> issued = AuditKeys.publish(kafka, workspace, new AccessKeyIssued(keyId, "payroll sync",
                AuditKeys.sha256Hex("secret"), Instant.now()), Instant.now().minusSeconds(2));
        Envelope<Payload> revoked = AuditKeys.publish(kafka, workspace, new AccessKeyRevoked(keyId, Instant.now()),
                Instant.now().minusSeconds(1));
        kafka.send(Topics.ACCESS_KEYS, revoked.key(), codec.writeString(revoked));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(workspace) == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> count(workspace) == 2);
        List<Map<String, Object>> rows = jdbc.sql("SELECT event_id, action, subject, actor_kind, actor_id, summary"
                + " FROM audit.activity_log WHERE workspace_id = ? ORDER BY occurred_at").param(workspace).query()
                .listOfRows();
        assertThat(rows).extracting(r -> r.get("event_id"), r -> r.get("action"), r -> r.get("summary"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(issued.eventId(), "ACCESS_KEY_ISSUED",
                                "admin access key payroll sync (" + keyId + ") issued"),
                        org.assertj.core.groups.Tuple.tuple(revoked.eventId(), "ACCESS_KEY_REVOKED",
                                "admin access key " + keyId + " revoked"));
        assertThat(rows).allSatisfy(r -> assertThat(r).containsEntry("subject", keyId)
                .containsEntry("actor_kind", "SYSTEM").containsEntry("actor_id", "invite-service"));
        // the replica, reading the same topic in another consumer group, has every event too
        assertThat(jdbc.sql("SELECT revoked_at IS NOT NULL FROM audit.access_key WHERE id = ?").param(keyId)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aWorkspacesFactsAreAnEntryWhenFirstKnownAndWhenTheyChangeNotWhenRepublished() {
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        WorkspaceFacts facts = (WorkspaceFacts) GoldenSamples.envelope(MessageType.WORKSPACE_FACTS).payload();
        WorkspaceFacts grown = new WorkspaceFacts(facts.name(), facts.plan(), facts.licenceCount() + 10,
                facts.timeZone(), facts.applications(), facts.tfaModes(), facts.idleTimeoutPolicy(),
                facts.idleTimeoutMinutes(), facts.concurrentSessions(), facts.usersMayChangeConcurrentSessions(),
                facts.automaticSuspension());
        Instant at = Instant.now().minusSeconds(10);
        List<Envelope<Payload>> published = List.of(factsEvent(workspace, facts, at),
                // invite-service's start-up republishes the same facts under a new event id
                factsEvent(workspace, facts, at.plusSeconds(1)), factsEvent(workspace, grown, at.plusSeconds(2)),
                factsEvent(workspace, grown, at.plusSeconds(3)));
        for (Envelope<Payload> e : published) {
            kafka.send(Topics.WORKSPACES, e.key(), codec.writeString(e));
        }
        // the last one applied: the facts kept are the grown ones
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM audit.workspace"
                + " WHERE workspace_id = ? AND updated_at = ?").params(workspace,
                        java.sql.Timestamp.from(at.plusSeconds(3))).query(Long.class).single() == 1);
        List<Map<String, Object>> rows = jdbc.sql("SELECT event_id, action, summary FROM audit.activity_log"
                + " WHERE workspace_id = ? ORDER BY occurred_at").param(workspace).query().listOfRows();
        assertThat(rows).extracting(r -> r.get("event_id"), r -> r.get("action")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(published.get(0).eventId(), "WORKSPACE_REGISTERED"),
                org.assertj.core.groups.Tuple.tuple(published.get(2).eventId(), "WORKSPACE_CHANGED"));
        assertThat((String) rows.get(1).get("summary")).isEqualTo("workspace " + facts.name() + " changed: licences "
                + facts.licenceCount() + " -> " + grown.licenceCount());
    }

    private static Envelope<Payload> factsEvent(String workspace, WorkspaceFacts facts, Instant at) {
        return new Envelope<>(UUID.randomUUID(), MessageType.WORKSPACE_FACTS.typeName(), at, workspace,
                "facts-" + UUID.randomUUID(), io.roster.contracts.Actor.system("invite-service"), facts);
    }

    private static Envelope<Payload> invitationEvent(String workspace, String invitationId,
            InvitationChanged.Change change, String email, String accountId) {
        return new Envelope<>(UUID.randomUUID(), MessageType.INVITATION_CHANGED.typeName(),
                Instant.now().minusSeconds(30), workspace, "invite-" + invitationId,
                new io.roster.contracts.Actor(io.roster.contracts.Actor.Kind.ADMIN, "rk_admin", "203.0.113.7"),
                new InvitationChanged(invitationId, change, email, false, "READ_WRITE", List.of("reports"),
                        Instant.now().plus(Duration.ofDays(7)), accountId));
    }

    private static List<Envelope<Payload>> concat(List<Envelope<Payload>> a, List<Envelope<Payload>> b) {
        List<Envelope<Payload>> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The workspace's entries from events, not audit-sink's own chain markers (an erasure may leave one). */
    private long count(String workspace) {
        return jdbc.sql("SELECT count(*) FROM audit.activity_log WHERE workspace_id = ? AND type NOT LIKE 'audit.%'")
                .param(workspace).query(Long.class).single();
    }
}
