package io.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.audit.app.AuditSinkApplication;
import io.roster.audit.retention.PartitionMaintenance;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.activity.ActivityRecorded;
import io.roster.messaging.MessagingSupport;
import io.roster.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import io.roster.testsupport.SharedInfrastructureInitializer;

/** The batch ingest on the real broker and database: idempotent, dead-lettering, partitioned by day, retained. */
@SpringBootTest(classes = AuditSinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class ActivityIngestIT {

    private static KafkaTestClient kafka;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PartitionMaintenance maintenance;

    @Autowired
    io.roster.audit.chain.ChainVerifier verifier;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("auditBatchListenerContainerFactory")
    org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory<?, ?> batchListeners;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    static Envelope<Payload> signIn(String workspace, Instant at, String login) {
        return new Envelope<>(UUID.randomUUID(), MessageType.ACTIVITY_RECORDED.typeName(), at, workspace,
                "req-" + UUID.randomUUID(), new Actor(Actor.Kind.USER, "acc-" + login, "198.51.100.7"),
                new ActivityRecorded("SIGN_IN", "acc-" + login, login, null));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheOthersAreRecordedOnce() {
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Envelope<Payload> before = signIn(workspace, Instant.now(), "before");
        Envelope<Payload> after = signIn(workspace, Instant.now(), "after");
        String unknown = codec.writeString(signIn(workspace, Instant.now(), "unknown"))
                .replace(MessageType.ACTIVITY_RECORDED.typeName(), "activity.teleported.v1");
        String key = workspace + "/same-partition";
        kafka.send(Topics.ACTIVITY, key, codec.writeString(before));
        kafka.send(Topics.ACTIVITY, key, unknown);
        kafka.send(Topics.ACTIVITY, key, "{not json");
        kafka.send(Topics.ACTIVITY, key, codec.writeString(after));
        kafka.send(Topics.ACTIVITY, key, codec.writeString(before));

        List<ConsumerRecord<String, String>> dead = kafka.await(Topics.deadLetter(Topics.ACTIVITY),
                r -> workspace.equals(r.key() == null ? null : r.key().substring(0, r.key().indexOf('/'))), 2,
                Duration.ofSeconds(30));
        assertThat(dead).extracting(r -> KafkaTestClient.header(r, MessagingSupport.DEAD_LETTER_REASON_HEADER))
                .anySatisfy(reason -> assertThat(reason).contains("unknown message type 'activity.teleported.v1'"))
                .anySatisfy(reason -> assertThat(reason).contains("not valid JSON"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(workspace) == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> count(workspace) == 2);

        Map<String, Object> row = jdbc.sql("SELECT action, actor_kind, actor_id, client_ip, details::text AS d"
                + " FROM audit.activity_log WHERE event_id = ?").param(after.eventId()).query().singleRow();
        assertThat(row).containsEntry("action", "SIGN_IN").containsEntry("actor_kind", "USER")
                .containsEntry("actor_id", "acc-after").containsEntry("client_ip", "198.51.100.7");
        assertThat((String) row.get("d")).contains("\"login\": \"after\"");
        // the redelivered event was left out before chaining: the chains hold, with no gap
        var verification = verifier.verify(workspace, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plusSeconds(60));
        assertThat(verification.intact()).as(verification.breaks().toString()).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(2);
    }

    /** A poll is one COPY and one transaction: its size is the configured one, not Kafka's default of 500. */
    @Test
    void aPollTakesUpToTheConfiguredRecords() {
        assertThat(batchListeners.getConsumerFactory().getConfigurationProperties())
                .containsEntry(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    }

    @Test
    void textWithTabsNewlinesBackslashesAndNulIsRecordedAsSent() {
        // NUL, which PostgreSQL refuses in text, becomes U+FFFD
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        String detail = "tab\there\nnew line \\N \\. back\\slash\r\u0000end";
        Envelope<Payload> e = new Envelope<>(UUID.randomUUID(), MessageType.ACTIVITY_RECORDED.typeName(),
                Instant.now(), workspace, "req-" + UUID.randomUUID(), new Actor(Actor.Kind.USER, "acc-x", null),
                new ActivityRecorded("SIGN_IN", "acc-x", "x", detail));
        kafka.send(Topics.ACTIVITY, e.key(), codec.writeString(e));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(workspace) == 1);
        Map<String, Object> row = jdbc.sql("SELECT summary, client_ip, details->>'detail' AS detail"
                + " FROM audit.activity_log WHERE event_id = ?").param(e.eventId()).query().singleRow();
        String expected = detail.replace('\u0000', '\uFFFD');
        assertThat(row).containsEntry("summary", "SIGN_IN x: " + expected).containsEntry("client_ip", null)
                .containsEntry("detail", expected);
        // hashed in memory as it was stored: the chain verifies
        var verification = verifier.verify(workspace, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plusSeconds(60));
        assertThat(verification.intact()).as(verification.breaks().toString()).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(1);
    }

    @Test
    void rowsLandInTheirDaysPartitionAndRetentionDropsWholeDays() {
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(89));
        Envelope<Payload> aged = signIn(workspace, old, "aged");
        Envelope<Payload> recent = signIn(workspace, Instant.now(), "recent");
        Envelope<Payload> tooOld = signIn(workspace, Instant.now().minus(Duration.ofDays(91)), "too-old");
        for (Envelope<Payload> e : List.of(aged, recent, tooOld)) {
            kafka.send(Topics.ACTIVITY, e.key(), codec.writeString(e));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(workspace) == 2);
        String partition = "activity_log_p" + LocalDate.ofInstant(old, ZoneOffset.UTC).toString().replace("-", "");
        assertThat(jdbc.sql("SELECT tableoid::regclass::text FROM audit.activity_log WHERE event_id = ?")
                .param(aged.eventId()).query(String.class).single()).isEqualTo("audit." + partition);

        // two days on, the aged entry's whole day is older than the 90 days: its partition goes, nothing else
        List<LocalDate> dropped = maintenance.run(Instant.now().plus(Duration.ofDays(2)));
        assertThat(dropped).contains(LocalDate.ofInstant(old, ZoneOffset.UTC));
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'audit' AND tablename = ?")
                .param(partition).query(Long.class).single()).isZero();
        // the recent entry stays, and retention left its signed marker in the workspace's chain
        assertThat(jdbc.sql("SELECT action FROM audit.activity_log WHERE workspace_id = ? ORDER BY action")
                .param(workspace).query(String.class).list()).containsExactly("RETENTION_APPLIED", "SIGN_IN");
        // the days ahead are there before any event needs them
        String ahead = "activity_log_p" + LocalDate.now(ZoneOffset.UTC).plusDays(5).toString().replace("-", "");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'audit' AND tablename = ?")
                .param(ahead).query(Long.class).single()).isEqualTo(1);
    }

    private static Envelope<Payload> invitation(String workspace, String invitationId,
            io.roster.contracts.invitation.InvitationChanged.Change change, String email, String accountId,
            Instant at) {
        return new Envelope<>(UUID.randomUUID(), MessageType.INVITATION_CHANGED.typeName(), at, workspace,
                "invite-" + invitationId, new Actor(Actor.Kind.ADMIN, "rk_admin", "203.0.113.7"),
                new io.roster.contracts.invitation.InvitationChanged(invitationId, change, email, false, "READ_WRITE",
                        List.of("reports"), at.plus(Duration.ofDays(7)), accountId));
    }

    @Test
    void addressesThatNeverBecameAccountsArePseudonymisedWhenTheirRetentionEnds() {
        String workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(40));
        String gone = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        Envelope<Payload> sample = io.roster.contracts.GoldenSamples.envelope(MessageType.ACCOUNT_REQUEST_REJECTED);
        Envelope<Payload> rejected = new Envelope<>(UUID.randomUUID(), sample.type(), old, workspace,
                sample.requestId(), sample.actor(), sample.payload());
        List<Envelope<Payload>> events = List.of(
                invitation(workspace, gone, io.roster.contracts.invitation.InvitationChanged.Change.SENT,
                        "gone@acme.example", null, old),
                invitation(workspace, gone, io.roster.contracts.invitation.InvitationChanged.Change.CANCELLED,
                        "gone@acme.example", null, old.plusSeconds(60)),
                invitation(workspace, kept, io.roster.contracts.invitation.InvitationChanged.Change.SENT,
                        "kept@acme.example", null, old),
                invitation(workspace, kept, io.roster.contracts.invitation.InvitationChanged.Change.ACCEPTED,
                        "kept@acme.example", "acc-kept", old.plusSeconds(60)),
                invitation(workspace, UUID.randomUUID().toString(),
                        io.roster.contracts.invitation.InvitationChanged.Change.SENT, "new@acme.example", null,
                        Instant.now()),
                rejected);
        for (Envelope<Payload> e : events) {
            kafka.send(MessageType.byName(e.type()).orElseThrow().topic(), e.key(), codec.writeString(e));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(workspace) == 6);
        String rejectedSubject = rejected.payload().subject();

        maintenance.run(Instant.now());

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM audit.activity_log WHERE workspace_id = ?")
                .param(workspace).query().listOfRows();
        assertThat(rows).allSatisfy(row -> assertThat(row.values().toString()).doesNotContain("gone@acme.example"));
        assertThat(rows).filteredOn(row -> "REQUEST_REJECTED".equals(row.get("action"))).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("summary")).isEqualTo("REQUEST_REJECTED (personal data erased)");
                    assertThat(row.get("details")).isNull();
                    assertThat(row.get("subject")).isNotEqualTo(rejectedSubject);
                });
        assertThat(rows).filteredOn(row -> String.valueOf(row.get("summary")).startsWith("INVITATION_"))
                .extracting(row -> row.get("subject")).hasSize(2).allSatisfy(s -> assertThat((String) s)
                        .startsWith("anon-")).containsOnly(rows.stream().filter(row -> String.valueOf(
                                row.get("summary")).startsWith("INVITATION_SENT")).findFirst().orElseThrow()
                                .get("subject"));
        // the accepted invitation is the account's: erased with the account, not before
        assertThat(rows.toString()).contains("kept@acme.example", "new@acme.example");
        // three entries changed, one signed marker: the chains hold
        var verification = verifier.verify(workspace, Instant.now().minus(Duration.ofDays(60)),
                Instant.now().plusSeconds(60));
        assertThat(verification.breaks()).isEmpty();
        assertThat(verification.erasedRows()).isEqualTo(3);
    }

    private long count(String workspace) {
        return jdbc.sql("SELECT count(*) FROM audit.activity_log WHERE workspace_id = ?").param(workspace)
                .query(Long.class).single();
    }
}
