package io.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.audit.app.AuditSinkApplication;
import io.roster.audit.chain.Sealer;
import io.roster.audit.retention.PartitionMaintenance;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

/** The per-workspace hash chain: sealed, verified, and broken by SQL outside the application — and found so. */
@SpringBootTest(classes = AuditSinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class ActivityChainIT {

    private static KafkaTestClient kafka;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Sealer sealer;

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    PartitionMaintenance maintenance;

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

    private List<Envelope<Payload>> record(String workspace, int count, Duration age) {
        List<Envelope<Payload>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Envelope<Payload> e = ActivityIngestIT.signIn(workspace, Instant.now().minus(age).minusSeconds(count - i),
                    "user" + i);
            events.add(e);
            kafka.send(Topics.ACTIVITY, e.key(), codec.writeString(e));
        }
        return events;
    }

    private void awaitRows(String workspace, long count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM audit.activity_log WHERE workspace_id = ?").param(workspace)
                .query(Long.class).single() == count);
        sealer.sealPending();
    }

    private Map<String, Object> verify(String workspace, String key) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + key).build().get()
                .uri("/api/v1/workspaces/{ws}/activity/verify", workspace).retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> breaks(Map<String, Object> verification) {
        return (List<Map<String, Object>>) verification.get("breaks");
    }

    /** A workspace's {@code count} entries, recorded and sealed, and an admin key of the workspace to verify them. */
    private record Sealed(String workspace, List<Envelope<Payload>> events, String key) {
    }

    private Sealed sealed(int count) {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        List<Envelope<Payload>> events = record(ws, count, Duration.ZERO);
        awaitRows(ws, count);
        return new Sealed(ws, events, AuditKeys.issue(kafka, jdbc, ws));
    }

    /** The verification finds the chain broken, at {@code chainSeq} (among others) for {@code problem}. */
    private void assertBrokenAt(Sealed chain, long chainSeq, String problem) {
        Map<String, Object> tampered = verify(chain.workspace(), chain.key());
        assertThat(tampered).containsEntry("intact", false);
        assertThat(breaks(tampered)).extracting(b -> ((Number) b.get("chainSeq")).longValue(), b -> b.get("problem"))
                .contains(org.assertj.core.groups.Tuple.tuple(chainSeq, problem));
    }

    private long seqOf(UUID eventId) {
        return jdbc.sql("SELECT chain_seq FROM audit.activity_chain WHERE event_id = ?").param(eventId)
                .query(Long.class).single();
    }

    @Test
    void anAlteredAndADeletedRowAreFoundWhereTheyAre() {
        Sealed chain = sealed(10);
        String ws = chain.workspace();
        List<Envelope<Payload>> events = chain.events();
        String key = chain.key();

        Map<String, Object> clean = verify(ws, key);
        assertThat(clean).containsEntry("intact", true).containsEntry("rowsChecked", 10)
                .containsEntry("unsealedRows", 0);
        assertThat((String) clean.get("head")).startsWith("10:");
        assertThat(jdbc.sql("SELECT count(DISTINCT chain_seq) FROM audit.activity_chain WHERE workspace_id = ?")
                .param(ws).query(Long.class).single()).isEqualTo(10);

        long altered = seqOf(events.get(3).eventId());
        jdbc.sql("UPDATE audit.activity_log SET client_ip = '10.6.6.6' WHERE event_id = ?")
                .param(events.get(3).eventId()).update();
        long deleted = seqOf(events.get(6).eventId());
        jdbc.sql("DELETE FROM audit.activity_log WHERE event_id = ?").param(events.get(6).eventId()).update();

        Map<String, Object> tampered = verify(ws, key);
        assertThat(tampered).containsEntry("intact", false);
        assertThat(breaks(tampered)).extracting(b -> ((Number) b.get("chainSeq")).longValue(), b -> b.get("problem"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(altered, "ALTERED"),
                        org.assertj.core.groups.Tuple.tuple(deleted, "MISSING"));
        assertThat(breaks(tampered)).filteredOn(b -> "ALTERED".equals(b.get("problem"))).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("eventId", events.get(3).eventId().toString()));
    }

    @Test
    void deletingTheNewestRowIsFoundToo() {
        Sealed chain = sealed(3);
        UUID newest = chain.events().get(2).eventId();
        long seq = seqOf(newest);
        jdbc.sql("DELETE FROM audit.activity_log WHERE event_id = ?").param(newest).update();
        assertBrokenAt(chain, seq, "MISSING");
    }

    @Test
    void deletingAnEntryWithItsChainRowIsFoundToo() {
        Sealed chain = sealed(4);
        UUID deleted = chain.events().get(1).eventId();
        long seq = seqOf(deleted);
        jdbc.sql("DELETE FROM audit.activity_chain WHERE event_id = ?").param(deleted).update();
        jdbc.sql("DELETE FROM audit.activity_log WHERE event_id = ?").param(deleted).update();
        assertBrokenAt(chain, seq, "MISSING");
    }

    /**
     * A writer that took its id before later rows but commits after them: the sealer waits for it rather than let
     * its watermark pass the row, which would then never be chained.
     */
    @Test
    void aRowCommittedAfterLaterOnesIsSealedAllTheSame() throws Exception {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.concurrent.CompletableFuture<Integer> sealing;
        try (java.sql.Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (java.sql.Statement s = slow.createStatement()) {
                s.execute(io.roster.audit.activity.ChainLocks.WRITING);
                s.execute("INSERT INTO audit.activity_log (event_id, workspace_id, occurred_at, type, action,"
                        + " request_id, summary) VALUES (gen_random_uuid(), '" + ws + "', now(),"
                        + " 'activity.recorded.v1', 'SIGN_IN', 'req-slow', 'SIGN_IN slow')");
            }
            record(ws, 2, Duration.ZERO);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM audit.activity_log WHERE workspace_id = ?").param(ws)
                    .query(Long.class).single() == 2);
            sealing = java.util.concurrent.CompletableFuture.supplyAsync(sealer::sealPending);
            Thread.sleep(300);
            assertThat(sealing).isNotDone();
            slow.commit();
        }
        sealing.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(jdbc.sql("""
                SELECT c.chain_seq FROM audit.activity_log a JOIN audit.activity_chain c
                    ON c.event_id = a.event_id AND c.occurred_at = a.occurred_at
                WHERE a.workspace_id = ? ORDER BY a.id""").param(ws).query(Long.class).list())
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void anErasureLeavesASignedMarkerAndTheChainHolds() {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Envelope<Payload> sample = GoldenSamples.envelope(MessageType.ACCOUNT_CREATED);
        Envelope<Payload> created = new Envelope<>(UUID.randomUUID(), sample.type(), Instant.now().minusSeconds(5),
                ws, sample.requestId(), sample.actor(), sample.payload());
        kafka.send(Topics.ACCOUNT_EVENTS, created.key(), codec.writeString(created));
        record(ws, 2, Duration.ZERO);
        awaitRows(ws, 3);
        Envelope<Payload> deletedSample = GoldenSamples.envelope(MessageType.ACCOUNT_DELETED);
        Envelope<Payload> deleted = new Envelope<>(UUID.randomUUID(), deletedSample.type(), Instant.now(), ws,
                deletedSample.requestId(), deletedSample.actor(), deletedSample.payload());
        kafka.send(Topics.ACCOUNT_EVENTS, deleted.key(), codec.writeString(deleted));
        // the deletion, its erasure marker
        awaitRows(ws, 5);
        String key = AuditKeys.issue(kafka, jdbc, ws);
        String account = ((AccountCreated) created.payload()).accountId();
        assertThat(jdbc.sql("SELECT count(*) FROM audit.activity_log WHERE workspace_id = ? AND account_id = ?")
                .params(ws, account).query(Long.class).single()).isZero();
        Map<String, Object> verification = verify(ws, key);
        assertThat(verification).containsEntry("intact", true).containsEntry("erasedRows", 1);
        assertThat(jdbc.sql("SELECT summary FROM audit.activity_log WHERE workspace_id = ? AND action = ?")
                .params(ws, "PERSONAL_DATA_ERASED").query(String.class).single()).contains("1 sealed entries");

        // a forged erasure: the row rewritten, and the marker's list with it, without the key
        jdbc.sql("UPDATE audit.activity_log SET summary = 'nothing to see' WHERE workspace_id = ? AND account_id = ?"
                + " AND action = 'ACCOUNT_CREATED'").params(ws, ((AccountDeleted) deleted.payload()).pseudonymousId())
                .update();
        assertThat(verify(ws, key)).containsEntry("intact", false);
    }

    @Test
    void retentionLeavesASignedMarkerSoTheRemovedRowsAreNoBreak() {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        record(ws, 3, Duration.ofDays(89));
        awaitRows(ws, 3);
        List<Envelope<Payload>> recent = record(ws, 2, Duration.ZERO);
        awaitRows(ws, 5);
        String key = AuditKeys.issue(kafka, jdbc, ws);

        maintenance.run(Instant.now().plus(Duration.ofDays(2)));
        sealer.sealPending();
        assertThat(jdbc.sql("SELECT count(*) FROM audit.activity_chain WHERE workspace_id = ? AND chain_seq <= 3")
                .param(ws).query(Long.class).single()).isZero();
        Map<String, Object> verification = verify(ws, key);
        assertThat(verification).containsEntry("intact", true).containsEntry("retainedUpToSeq", 3)
                .containsEntry("rowsChecked", 2);
        // the recent rows were sealed after the old ones, in the order they were recorded
        assertThat(List.of(seqOf(recent.get(0).eventId()), seqOf(recent.get(1).eventId())))
                .containsExactlyInAnyOrder(4L, 5L);

        // the marker's signature does not survive an edit by SQL
        jdbc.sql("UPDATE audit.activity_log SET details = jsonb_set(details, '{upToSeq}', '4')"
                + " WHERE workspace_id = ? AND action = 'RETENTION_APPLIED'").param(ws).update();
        assertThat(breaks(verify(ws, key))).extracting(b -> b.get("problem")).contains("FORGED_MARKER");
    }
}
