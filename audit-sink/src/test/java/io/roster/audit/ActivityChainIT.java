package io.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.roster.audit.activity.ActivityWriter;
import io.roster.audit.app.AuditSinkApplication;
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
import io.roster.contracts.activity.ActivityRecorded;
import io.roster.contracts.invitation.InvitationChanged;
import java.sql.Connection;
import java.sql.PreparedStatement;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.sql.DataSource;
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

/**
 * The workspaces' hash chains, written with the entries: verified, and broken by SQL outside the application — and
 * found so, by chain and position.
 */
@SpringBootTest(classes = AuditSinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class ActivityChainIT {

    private static KafkaTestClient kafka;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ActivityWriter writer;

    @Autowired
    PartitionMaintenance maintenance;

    @Autowired
    DataSource dataSource;

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

    @SuppressWarnings("unchecked")
    private static long positions(Map<String, Object> verification) {
        return ((List<Map<String, Object>>) verification.get("chains")).stream()
                .mapToLong(c -> Long.parseLong(((String) c.get("head")).split(":")[0])).sum();
    }

    /** A workspace's {@code count} entries, recorded, and an admin key of the workspace to verify them. */
    private record Recorded(String workspace, List<Envelope<Payload>> events, String key) {
    }

    private Recorded recorded(int count) {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        List<Envelope<Payload>> events = record(ws, count, Duration.ZERO);
        awaitRows(ws, count);
        return new Recorded(ws, events, AuditKeys.issue(kafka, jdbc, ws));
    }

    /** Where a row is: its chain (shard) and position. */
    private record Place(int shard, long seq) {
    }

    private Place placeOf(UUID eventId) {
        return jdbc.sql("SELECT chain_shard, chain_seq FROM audit.activity_log WHERE event_id = ?").param(eventId)
                .query((rs, n) -> new Place(rs.getInt(1), rs.getLong(2))).single();
    }

    /** The verification finds the chains broken, at {@code place} (among others) for {@code problem}. */
    private void assertBrokenAt(Recorded recorded, Place place, String problem) {
        Map<String, Object> tampered = verify(recorded.workspace(), recorded.key());
        assertThat(tampered).containsEntry("intact", false);
        assertThat(breaks(tampered)).extracting(b -> b.get("shard"), b -> ((Number) b.get("chainSeq")).longValue(),
                b -> b.get("problem")).contains(tuple(place.shard(), place.seq(), problem));
    }

    @Test
    void anAlteredAndADeletedRowAreFoundWhereTheyAre() {
        Recorded recorded = recorded(10);
        String ws = recorded.workspace();
        List<Envelope<Payload>> events = recorded.events();

        Map<String, Object> clean = verify(ws, recorded.key());
        assertThat(clean).containsEntry("intact", true).containsEntry("rowsChecked", 10);
        // the events came from several partitions, hence several chains: their positions add up to the rows
        assertThat(positions(clean)).isEqualTo(10);

        Place altered = placeOf(events.get(3).eventId());
        jdbc.sql("UPDATE audit.activity_log SET client_ip = '10.6.6.6' WHERE event_id = ?")
                .param(events.get(3).eventId()).update();
        Place deleted = placeOf(events.get(6).eventId());
        jdbc.sql("DELETE FROM audit.activity_log WHERE event_id = ?").param(events.get(6).eventId()).update();

        Map<String, Object> tampered = verify(ws, recorded.key());
        assertThat(tampered).containsEntry("intact", false);
        assertThat(breaks(tampered)).extracting(b -> b.get("shard"), b -> ((Number) b.get("chainSeq")).longValue(),
                b -> b.get("problem")).containsExactlyInAnyOrder(tuple(altered.shard(), altered.seq(), "ALTERED"),
                        tuple(deleted.shard(), deleted.seq(), "MISSING"));
        assertThat(breaks(tampered)).filteredOn(b -> "ALTERED".equals(b.get("problem"))).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("eventId", events.get(3).eventId().toString()));
    }

    @Test
    void deletingAChainsNewestRowIsFoundToo() {
        Recorded recorded = recorded(3);
        Place newest = placeOf(recorded.events().get(2).eventId());
        UUID head = jdbc.sql("SELECT a.event_id FROM audit.activity_log a JOIN audit.chain_head h"
                + " ON h.workspace_id = a.workspace_id AND h.chain_shard = a.chain_shard AND h.chain_seq = a.chain_seq"
                + " WHERE a.workspace_id = ? AND a.chain_shard = ?").params(recorded.workspace(), newest.shard())
                .query(UUID.class).single();
        Place place = placeOf(head);
        jdbc.sql("DELETE FROM audit.activity_log WHERE event_id = ?").param(head).update();
        assertBrokenAt(recorded, place, "MISSING");
    }

    @Test
    void aRowAddedBySqlIsInNoChainAndARowForgedIntoATakenPlaceIsFound() {
        Recorded recorded = recorded(3);
        String ws = recorded.workspace();
        List<UUID> added = List.of(UUID.randomUUID(), UUID.randomUUID());
        for (UUID id : added) {
            jdbc.sql("INSERT INTO audit.activity_log (event_id, workspace_id, occurred_at, type, action, request_id,"
                    + " summary) VALUES (?, ?, now(), 'activity.recorded.v1', 'SIGN_IN', 'req-forged',"
                    + " 'SIGN_IN mallory')").params(id, ws).update();
        }
        Map<String, Object> verification = verify(ws, recorded.key());
        assertThat(verification).containsEntry("intact", false).containsEntry("rowsChecked", 3);
        assertThat(breaks(verification)).extracting(b -> b.get("problem"), b -> b.get("eventId"), b -> b.get("shard"),
                b -> b.get("chainSeq")).containsExactlyInAnyOrder(
                        tuple("UNCHAINED", added.get(0).toString(), null, null),
                        tuple("UNCHAINED", added.get(1).toString(), null, null));
        jdbc.sql("DELETE FROM audit.activity_log WHERE event_id IN (?, ?)").params(added.get(0), added.get(1))
                .update();

        // a row given the place, hashes and all, of a row of the chain
        UUID copied = recorded.events().get(1).eventId();
        Place place = placeOf(copied);
        jdbc.sql("""
                INSERT INTO audit.activity_log (event_id, workspace_id, occurred_at, type, action, request_id, summary,
                    chain_shard, chain_seq, content_hash, prev_hash, chain_hash)
                SELECT gen_random_uuid(), workspace_id, occurred_at, type, action, request_id, 'SIGN_IN mallory',
                    chain_shard, chain_seq, content_hash, prev_hash, chain_hash
                FROM audit.activity_log WHERE event_id = ?""").param(copied).update();
        assertBrokenAt(recorded, place, "RELINKED");
    }

    /**
     * Two writers extending the same chains at once — two listener threads, or two instances, during a rebalance —
     * take turns on the heads: each chain's positions run from 1 without a gap or a fork, and the chains verify.
     */
    @Test
    void twoWritersOfTheSameChainsTakeTurns() throws Exception {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        int batches = 20;
        int perBatch = 25;
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writerNo = w;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int b = 0; b < batches; b++) {
                    List<ActivityWriter.Described> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        Envelope<Payload> e = ActivityIngestIT.signIn(ws, Instant.now(), "w" + writerNo + "-" + b);
                        // partitions 6 and 7: chains 7 and 8, each batch in both, in either order
                        batch.add(ActivityWriter.describe(e, 6 + (i + writerNo) % 2, codec));
                    }
                    Collections.shuffle(batch);
                    assertThat(writer.write(batch)).isEqualTo(perBatch);
                }
            }));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        for (int shard : List.of(7, 8)) {
            assertThat(jdbc.sql("SELECT chain_seq FROM audit.activity_log WHERE workspace_id = ? AND chain_shard = ?"
                    + " ORDER BY chain_seq").params(ws, shard).query(Long.class).list())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, batches * perBatch).boxed().toList());
        }
        Map<String, Object> verification = verify(ws, AuditKeys.issue(kafka, jdbc, ws));
        assertThat(verification).containsEntry("intact", true).containsEntry("rowsChecked", 2 * batches * perBatch);
        assertThat(positions(verification)).isEqualTo(2L * batches * perBatch);
    }

    /** A poll that brings an event recorded by an earlier poll again: the others are chained, without a gap. */
    @Test
    void aRedeliveredEventIsLeftOutBeforeChaining() {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        List<ActivityWriter.Described> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(ActivityWriter.describe(ActivityIngestIT.signIn(ws, Instant.now(), "again" + i), 5, codec));
        }
        assertThat(writer.write(events.subList(0, 2))).isEqualTo(2);
        assertThat(writer.write(events.subList(1, 4))).isEqualTo(2);
        assertThat(writer.write(events)).isZero();
        assertThat(jdbc.sql("SELECT chain_seq FROM audit.activity_log WHERE workspace_id = ? AND chain_shard = 6"
                + " ORDER BY chain_seq").param(ws).query(Long.class).list()).containsExactly(1L, 2L, 3L, 4L);
        Map<String, Object> verification = verify(ws, AuditKeys.issue(kafka, jdbc, ws));
        assertThat(verification).containsEntry("intact", true).containsEntry("rowsChecked", 4);
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
        // the creation's entry and the deletion's own, chained before it erased the account in its transaction
        Map<String, Object> verification = verify(ws, key);
        assertThat(verification).containsEntry("intact", true).containsEntry("erasedRows", 2);
        assertThat(jdbc.sql("SELECT summary FROM audit.activity_log WHERE workspace_id = ? AND action = ?")
                .params(ws, "PERSONAL_DATA_ERASED").query(String.class).single()).contains("2 entries");

        // a forged erasure: the row rewritten, and the marker's list with it, without the key
        jdbc.sql("UPDATE audit.activity_log SET summary = 'nothing to see' WHERE workspace_id = ? AND account_id = ?"
                + " AND action = 'ACCOUNT_CREATED'").params(ws, ((AccountDeleted) deleted.payload()).pseudonymousId())
                .update();
        assertThat(verify(ws, key)).containsEntry("intact", false);
    }

    private static Envelope<Payload> event(String ws, Payload payload, MessageType type) {
        return new Envelope<>(UUID.randomUUID(), type.typeName(), Instant.now(), ws, "req-" + UUID.randomUUID(),
                new Actor(Actor.Kind.ADMIN, "admin-1", "198.51.100.9"), payload);
    }

    private static InvitationChanged invitation(String invitationId, InvitationChanged.Change change,
            String accountId) {
        return new InvitationChanged(invitationId, change, "ada.gone@example.org", false, "READ", List.of(),
                Instant.now().plusSeconds(86_400), accountId);
    }

    private CompletableFuture<Integer> writeAsync(Envelope<Payload> event, int partition) {
        return CompletableFuture.supplyAsync(() -> writer.write(List.of(ActivityWriter.describe(event, partition,
                codec))));
    }

    /** Until the write is done, or waiting for a lock as the {@code n}th of the database's sessions waiting. */
    private void awaitDoneOrWaiting(CompletableFuture<?> write, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> write.isDone() || jdbc.sql("""
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND datname = current_database()""")
                .query(Long.class).single() >= n);
    }

    /** Every entry of the workspace but the markers and keys is pseudonymised, and the chains verify. */
    private void assertErased(String ws, String pseudonym, int erasedRows) {
        assertThat(jdbc.sql("""
                SELECT account_id, subject, summary, details FROM audit.activity_log
                WHERE workspace_id = ? AND action NOT IN ('PERSONAL_DATA_ERASED', 'ACCESS_KEY_ISSUED')""")
                .param(ws).query().listOfRows()).hasSize(erasedRows).allSatisfy(row -> {
                    assertThat(row).containsEntry("account_id", pseudonym).containsEntry("subject", pseudonym)
                            .containsEntry("details", null);
                    assertThat((String) row.get("summary")).doesNotContain("ada", "gone-");
                });
        Map<String, Object> verification = verify(ws, AuditKeys.issue(kafka, jdbc, ws));
        assertThat(verification).containsEntry("intact", true).containsEntry("erasedRows", erasedRows);
    }

    /**
     * An event of an account recorded from another partition while the account is erased: its transaction holds
     * the account (here, blocked at the invitation link a test transaction holds) when the deletion comes. The
     * erasure waits for it, so it rewrites its entry too.
     */
    @Test
    void anEventRecordedWhileItsAccountIsErasedIsErasedToo() throws Exception {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        String account = "gone-" + UUID.randomUUID();
        String pseudonym = "pseudo-" + UUID.randomUUID();
        writer.write(List.of(ActivityWriter.describe(event(ws, new ActivityRecorded("SIGN_IN", account, "ada", null),
                MessageType.ACTIVITY_RECORDED), 1, codec)));
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement link = blocker.prepareStatement("INSERT INTO audit.invitation_account"
                    + " (workspace_id, invitation_id, account_id) VALUES (?, ?, ?)")) {
                link.setString(1, ws);
                link.setString(2, "inv-1");
                link.setString(3, "someone-else");
                link.executeUpdate();
            }
            CompletableFuture<Integer> accepted = writeAsync(event(ws, invitation("inv-1",
                    InvitationChanged.Change.ACCEPTED, account), MessageType.INVITATION_CHANGED), 2);
            awaitDoneOrWaiting(accepted, 1);
            CompletableFuture<Integer> deletion = writeAsync(event(ws, new AccountDeleted(account, pseudonym),
                    MessageType.ACCOUNT_DELETED), 3);
            awaitDoneOrWaiting(deletion, 2);
            blocker.rollback();
            assertThat(accepted.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(deletion.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
        // the sign-in, the acceptance, the deletion
        assertErased(ws, pseudonym, 3);
    }

    /**
     * Events of an account recorded while its erasure commits (here, blocked at its marker's chain head a test
     * transaction holds), and after it — among them an invitation's acceptance, which brings the invitation's
     * earlier entries: each is pseudonymised as it is recorded, with its own signed marker.
     */
    @Test
    void anEventRecordedDuringOrAfterItsAccountsErasureIsPseudonymised() throws Exception {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        String account = "gone-" + UUID.randomUUID();
        String pseudonym = "pseudo-" + UUID.randomUUID();
        writer.write(List.of(ActivityWriter.describe(event(ws, invitation("inv-2", InvitationChanged.Change.ACCEPTED,
                account), MessageType.INVITATION_CHANGED), 2, codec)));
        writer.write(List.of(ActivityWriter.describe(event(ws, invitation("inv-3", InvitationChanged.Change.SENT,
                null), MessageType.INVITATION_CHANGED), 7, codec)));
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement head = blocker.prepareStatement("INSERT INTO audit.chain_head (workspace_id,"
                    + " chain_shard, chain_seq, chain_hash) VALUES (?, 0, 0, ?)")) {
                head.setString(1, ws);
                head.setBytes(2, new byte[32]);
                head.executeUpdate();
            }
            CompletableFuture<Integer> deletion = writeAsync(event(ws, new AccountDeleted(account, pseudonym),
                    MessageType.ACCOUNT_DELETED), 3);
            awaitDoneOrWaiting(deletion, 1);
            CompletableFuture<Integer> signIn = writeAsync(event(ws, new ActivityRecorded("SIGN_IN", account, "ada",
                    null), MessageType.ACTIVITY_RECORDED), 4);
            awaitDoneOrWaiting(signIn, 2);
            CompletableFuture<Integer> resent = writeAsync(event(ws, invitation("inv-2",
                    InvitationChanged.Change.RESENT, null), MessageType.INVITATION_CHANGED), 5);
            awaitDoneOrWaiting(resent, 3);
            blocker.rollback();
            for (CompletableFuture<Integer> write : List.of(deletion, signIn, resent)) {
                assertThat(write.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            }
        }
        writer.write(List.of(ActivityWriter.describe(event(ws, new ActivityRecorded("SIGN_OUT", account, "ada",
                null), MessageType.ACTIVITY_RECORDED), 6, codec)));
        // the acceptance of another invitation, consumed after the deletion: the invitation's entries with it
        writer.write(List.of(ActivityWriter.describe(event(ws, invitation("inv-3", InvitationChanged.Change.ACCEPTED,
                account), MessageType.INVITATION_CHANGED), 7, codec)));
        // the acceptance, the deletion, then the sign-in, the invitation sent again, the sign-out and the other
        // invitation's sending and acceptance
        assertErased(ws, pseudonym, 7);
    }

    @Test
    void retentionLeavesASignedMarkerSoTheRemovedRowsAreNoBreak() {
        String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        List<Envelope<Payload>> old = record(ws, 3, Duration.ofDays(89));
        awaitRows(ws, 3);
        List<Place> oldPlaces = old.stream().map(e -> placeOf(e.eventId())).toList();
        List<Envelope<Payload>> recent = record(ws, 2, Duration.ZERO);
        awaitRows(ws, 5);
        String key = AuditKeys.issue(kafka, jdbc, ws);

        maintenance.run(Instant.now().plus(Duration.ofDays(2)));
        assertThat(jdbc.sql("SELECT count(*) FROM audit.activity_log WHERE workspace_id = ? AND occurred_at < ?")
                .params(ws, java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(80)))).query(Long.class)
                .single()).isZero();
        Map<String, Object> verification = verify(ws, key);
        assertThat(verification).containsEntry("intact", true).containsEntry("rowsChecked", 2);
        // each chain of the old rows names the last position retention removed
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> chains = (List<Map<String, Object>>) verification.get("chains");
        for (Place place : oldPlaces) {
            assertThat(chains).filteredOn(c -> c.get("shard").equals(place.shard())).singleElement()
                    .satisfies(c -> assertThat(((Number) c.get("retainedUpToSeq")).longValue())
                            .isGreaterThanOrEqualTo(place.seq()));
        }
        // the recent rows follow the old ones in their chains
        for (Envelope<Payload> e : recent) {
            Place place = placeOf(e.eventId());
            assertThat(place.seq()).isGreaterThan(oldPlaces.stream().filter(p -> p.shard() == place.shard())
                    .mapToLong(Place::seq).max().orElse(0));
        }

        // the marker's signature does not survive an edit by SQL
        jdbc.sql("UPDATE audit.activity_log SET details = jsonb_set(details, '{day}', '\"2000-01-01\"')"
                + " WHERE workspace_id = ? AND action = 'RETENTION_APPLIED'").param(ws).update();
        assertThat(breaks(verify(ws, key))).extracting(b -> b.get("problem")).contains("FORGED_MARKER");
    }
}
