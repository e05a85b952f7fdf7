package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.bucket.CreateBucket;
import io.roster.contracts.bucket.DeleteBucket;
import io.roster.testsupport.KafkaTestClient;
import java.time.Duration;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.account.CreateUser;
import io.roster.invite.pipeline.CommandPipeline;
import io.roster.invite.pipeline.Outcome;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.workspace.WorkspaceRepository;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A poll's create-user commands are decided set-wise, in a few statements; the outcomes must be exactly those of
 * the same commands handled one at a time: same accounts, same events in the same order, same licence count.
 */
@InviteServiceIntegrationTest
class AccountBatchIT {

    @Autowired
    CommandPipeline handler;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void aBatchDecidesExactlyAsOneCommandAtATimeDoes() {
        String batched = workspace();
        String single = workspace();

        assertThat(handler.handleBatch(commands(batched))).isEqualTo(-1);
        commands(single).forEach(handler::handle);

        List<String> outcomes = outcomes(batched, 9);
        assertThat(outcomes).isEqualTo(outcomes(single, 9));
        assertThat(outcomes).containsExactly(
                "r1 account.created.v1 ACTIVE",
                "r2 account.created.v1 ACTIVE",
                "r3 account.request-rejected.v1 login:duplicate",
                "r4 account.request-rejected.v1 email:invalid_format",
                "r5 account.request-rejected.v1 email:duplicate",
                "r6 account.created.v1 ACTIVE",
                "r7 account.request-rejected.v1 -:licences_exhausted",
                "r8 account.created.v1 CLOSED",
                "r9 account.request-rejected.v1 buckets:bucket_unknown");
        assertThat(accounts(batched)).containsExactly("u1", "u2", "u3", "u5").isEqualTo(accounts(single));
        assertThat(licencesUsed(batched)).isEqualTo(3).isEqualTo(licencesUsed(single));
        assertThat(requests(batched)).isEqualTo(9).isEqualTo(requests(single));
    }

    @Test
    void aBatchRepeatedAfterCommitChangesNothing() {
        String ws = workspace();
        handler.handleBatch(commands(ws));
        List<String> before = outcomes(ws, 9);

        assertThat(handler.handleBatch(commands(ws))).isEqualTo(-1);

        assertThat(accounts(ws)).containsExactly("u1", "u2", "u3", "u5");
        assertThat(requests(ws)).isEqualTo(9);
        assertThat(outcomes(ws, 9)).isEqualTo(before);
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, inWorkspace(ws), Duration.ofSeconds(2))).hasSize(9);
        assertThat(licencesUsed(ws)).isEqualTo(3);
    }

    /**
     * A run is written first without looking its request ids or keys up (ConflictCheck.CAUGHT_ON_WRITE): keys taken
     * by accounts of earlier runs fail its COPY on their unique indexes, and the run is decided again with the
     * look-ups — those commands refused as duplicates, whatever the case, the others created once.
     */
    @Test
    void aRunMeetingAccountsCreatedBeforeRefusesThoseKeysAsDuplicates() {
        String ws = workspace(10);
        assertThat(handler.handleBatch(List.of(create(ws, "a1", "u1", "u1@batch.example", "ACTIVE"),
                create(ws, "a2", "u2", "u2@batch.example", "ACTIVE")))).isEqualTo(-1);

        assertThat(handler.handleBatch(List.of(create(ws, "b1", "u3", "u3@batch.example", "ACTIVE"),
                create(ws, "b2", "U1", "new1@batch.example", "ACTIVE"),
                create(ws, "b3", "u4", "U2@Batch.example", "ACTIVE"),
                create(ws, "b4", "u5", "u5@batch.example", "ACTIVE")))).isEqualTo(-1);

        assertThat(outcomes(ws, 6)).containsExactly(
                "a1 account.created.v1 ACTIVE",
                "a2 account.created.v1 ACTIVE",
                "b1 account.created.v1 ACTIVE",
                "b2 account.request-rejected.v1 login:duplicate",
                "b3 account.request-rejected.v1 email:duplicate",
                "b4 account.created.v1 ACTIVE");
        assertThat(accounts(ws)).containsExactly("u1", "u2", "u3", "u5");
        assertThat(requests(ws)).isEqualTo(6);
        assertThat(licencesUsed(ws)).isEqualTo(4);
    }

    /** A poll redelivered in part (after a rebalance): the commands handled before change nothing, the rest count. */
    @Test
    void aPollHandledBeforeInPartCreatesOnlyItsNewAccounts() {
        String ws = workspace(10);
        List<Envelope<Payload>> first = List.of(create(ws, "p1", "u1", "u1@batch.example", "ACTIVE"),
                create(ws, "p2", "u2", "not-an-email", "ACTIVE"),
                create(ws, "p3", "u3", "u3@batch.example", "ACTIVE"));
        assertThat(handler.handleBatch(first)).isEqualTo(-1);

        List<Envelope<Payload>> redelivered = new ArrayList<>(first);
        redelivered.add(create(ws, "p4", "u4", "u4@batch.example", "ACTIVE"));
        redelivered.add(create(ws, "p5", "u5", "u5@batch.example", "ACTIVE"));
        assertThat(handler.handleBatch(redelivered)).isEqualTo(-1);

        assertThat(outcomes(ws, 5)).containsExactly(
                "p1 account.created.v1 ACTIVE",
                "p2 account.request-rejected.v1 email:invalid_format",
                "p3 account.created.v1 ACTIVE",
                "p4 account.created.v1 ACTIVE",
                "p5 account.created.v1 ACTIVE");
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, inWorkspace(ws), Duration.ofSeconds(2))).hasSize(5);
        assertThat(accounts(ws)).containsExactly("u1", "u3", "u4", "u5");
        assertThat(requests(ws)).isEqualTo(5);
        assertThat(licencesUsed(ws)).isEqualTo(4);
    }

    @Test
    void anUndecodableRecordStopsTheBatchAfterTheOnesBeforeItAreDone() {
        String ws = workspace();
        List<Envelope<Payload>> commands = new ArrayList<>(commands(ws).subList(0, 2));
        commands.add(null);
        commands.addAll(commands(ws).subList(5, 6));

        assertThat(handler.handleBatch(commands)).isEqualTo(2);

        assertThat(accounts(ws)).containsExactly("u1", "u2");
    }

    @Test
    void aBatchQueuesTheCreationMailsItsAccountsAskForOnceEach() {
        String ws = workspace();
        CreateUser notified = new CreateUser("n1", "n1@" + ws + ".example", "Nora", "Notified", "ACTIVE", "fr", null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, true, null, null,
                null, null, "READ_ONLY", List.of());
        List<Envelope<Payload>> commands = List.of(
                new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(), Instant.now(), ws, "m1",
                        new Actor(Actor.Kind.UPSTREAM, "batch-test", null), notified),
                create(ws, "m2", "n2", "n2@" + ws + ".example", "ACTIVE"));

        assertThat(handler.handleBatch(commands)).isEqualTo(-1);
        assertThat(handler.handleBatch(commands)).isEqualTo(-1);

        String createdEventId = kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"requestId\":\"m1\"")
                        && r.value().contains("\"workspaceId\":\"" + ws + "\""), 1, WAIT).stream()
                .map(r -> codec.read(r.value()).eventId().toString()).findFirst().orElseThrow();
        assertThat(jdbc.sql("SELECT event_id::text, kind, subject FROM invite.mail_delivery WHERE workspace_id = ?")
                .param(ws).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list())
                .singleElement().asString()
                .isEqualTo(createdEventId + " CREATION_NOTIFICATION Votre compte Roster a été créé");
    }

    @Test
    void concurrentBatchesOfOneWorkspaceNeverTakeMoreLicencesThanItHas() throws Exception {
        for (int round = 0; round < 5; round++) {
            String ws = workspace(10);
            List<Envelope<Payload>> first = new ArrayList<>();
            List<Envelope<Payload>> second = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                first.add(create(ws, "a" + i, "a" + i, "a" + i + "@batch.example", "ACTIVE"));
                second.add(create(ws, "b" + i, "b" + i, "b" + i + "@batch.example", "ACTIVE"));
            }
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(() -> {
                    start.await();
                    return handler.handleBatch(first);
                });
                var b = pool.submit(() -> {
                    start.await();
                    return handler.handleBatch(second);
                });
                assertThat(a.get()).isEqualTo(-1);
                assertThat(b.get()).isEqualTo(-1);
            } finally {
                pool.shutdown();
            }

            assertThat(licencesUsed(ws)).isEqualTo(10);
            assertThat(accounts(ws)).hasSize(10);
            assertThat(jdbc.sql("SELECT count(*) FROM invite.account_request WHERE workspace_id = ?"
                    + " AND outcome = 'REJECTED'").param(ws).query(Long.class).single()).isEqualTo(6);
        }
    }

    /**
     * A Kafka run writes its accounts by binary COPY, an HTTP create by one INSERT of typed arrays: the same account
     * must come out of both, every column — texts outside ASCII, NULLs, quotas, a suspension instant, buckets, an
     * owner, an idle timeout.
     */
    @Test
    void aBatchStoresEveryColumnOfItsAccountsAsAnHttpCreateDoes() {
        String batched = workspace();
        String answered = workspace();
        for (String ws : List.of(batched, answered)) {
            assertThat(handler.handle(command(ws, "bucket-a", new CreateBucket("sales"))).accepted()).isTrue();
            assertThat(handler.handle(command(ws, "bucket-b", new CreateBucket("eu.ops-2"))).accepted()).isTrue();
        }
        java.util.function.Function<String, List<Envelope<Payload>>> full = ws -> List.of(
                command(ws, "f1", new CreateUser("zoe.n", "zoe@full.example", "Zoë", "Ñúñez \"q\"", "INACTIVE", "fr",
                        "10GB", "2 TB", "PRIVATE", true, "Acme €", "R&D", "Lead", "NONE", "Paris", "1 rue Tà",
                        "75008", "FR", "+33 6 12 34 56 78", "日本語の経歴", "31/12/2031/23:45", false,
                        "DISABLED", true, true, true, "READ_WRITE", List.of("sales", "eu.ops-2"), 90)),
                command(ws, "f2", new CreateUser("plain", "plain@full.example", "Plain", "User", "ACTIVE", "en",
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, "READ_ONLY", List.of(), null)),
                command(ws, "f3", new io.roster.contracts.account.CreateContact("plain", "Plain", null, null,
                        "contact@full.example", "Con", "Tact", "ACTIVE", "de", "PUBLIC", null, null, null, null, null,
                        null, null, null, null, null, null, "2031-06-30T08:00", false)));

        List<Envelope<Payload>> kafkaRun = full.apply(batched);
        // the users in one run (COPY), the contact in the next (its owner must exist first)
        assertThat(handler.handleBatch(kafkaRun.subList(0, 2))).isEqualTo(-1);
        assertThat(handler.handleBatch(kafkaRun.subList(2, 3))).isEqualTo(-1);
        for (Envelope<Payload> c : full.apply(answered)) {
            Outcome outcome = handler.answer(c);
            assertThat(outcome.accepted()).as(c.requestId() + " " + outcome.problems()).isTrue();
        }

        assertThat(storedAccounts(batched)).hasSize(3).isEqualTo(storedAccounts(answered));
        assertThat(storedAccounts(batched).get(2)).contains("\"buckets\": [\"sales\", \"eu.ops-2\"]",
                "\"idle_timeout_minutes\": 90", "\"share_space_max_bytes\": 10737418240",
                "\"owner\": null", "\"last_name\": \"Ñúñez \\\"q\\\"\"");
        assertThat(storedAccounts(batched).get(2)).doesNotContain("\"suspension_at\": null");
        assertThat(storedAccounts(batched).get(0)).contains("\"owner\": \"plain\"", "\"idle_timeout_minutes\": null",
                "\"buckets\": []");
    }

    /**
     * A login an uncommitted transaction has just taken is not seen by the run's duplicate probe: the run's COPY
     * waits on the unique index, fails once that transaction commits, and the run is decided again one command at a
     * time — that one refused as a duplicate, the others created, none lost or doubled.
     */
    @Test
    void aLoginTakenByAConcurrentUncommittedCreateIsRefusedAloneWhenTheRunCopiesItsAccounts() throws Exception {
        String ws = workspace();
        List<Envelope<Payload>> run = List.of(create(ws, "k1", "free1", "free1@race.example", "ACTIVE"),
                create(ws, "k2", "taken", "other@race.example", "ACTIVE"),
                create(ws, "k3", "free2", "free2@race.example", "ACTIVE"));
        List<Object> outcomes = secondWaitsForFirst("the run's COPY waits for the uncommitted login",
                () -> handler.answer(create(ws, "h1", "taken", "taken@race.example", "ACTIVE")),
                () -> handler.handleBatch(run));

        assertThat(((Outcome) outcomes.get(0)).accepted()).isTrue();
        assertThat(outcomes.get(1)).isEqualTo(-1);
        assertThat(accounts(ws)).containsExactlyInAnyOrder("free1", "free2", "taken");
        assertThat(outcomes(ws, 4)).containsExactly(
                "h1 account.created.v1 ACTIVE",
                "k1 account.created.v1 ACTIVE",
                "k2 account.request-rejected.v1 login:duplicate",
                "k3 account.created.v1 ACTIVE");
        assertThat(requests(ws)).isEqualTo(4);
        assertThat(licencesUsed(ws)).isEqualTo(3);
    }

    /**
     * What the schema guarantees whatever the code above it does. An account's workspace exists (V23 checks it once
     * per statement, where a foreign key checked every row): an INSERT or a COPY naming a missing workspace fails
     * whole, no account moves to one, and a workspace is never deleted or given another id. Logins and e-mails are
     * unique per workspace whatever their case, outside ASCII too (the server's lower()).
     */
    @Test
    void theDatabaseKeepsEveryAccountInAnExistingWorkspaceUnderUniqueCaseFoldedNames() throws Exception {
        String ws = workspace();
        String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);
        String insert = "INSERT INTO invite.account (id, workspace_id, type, login, email, first_name, last_name,"
                + " status, mail_language, visibility_scope, creation_notification) VALUES (?, ?, 'USER', ?, ?, 'A',"
                + " 'B', 'ACTIVE', 'fr', 'PUBLIC', false)";

        assertThat(sqlState(() -> jdbc.sql(insert).params(UUID.randomUUID(), missing, "lost", "lost@db.example")
                .update())).isEqualTo("23503");
        // as a Kafka run writes its accounts: one COPY, here of one row in an existing workspace and one not
        String rest = "\tUSER\tA\tB\tACTIVE\tfr\tPUBLIC\tfalse\n";
        String copied = UUID.randomUUID() + "\t" + ws + "\tkept\tkept@db.example" + rest
                + UUID.randomUUID() + "\t" + missing + "\tlost\tlost@db.example" + rest;
        assertThat(sqlState(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY invite.account (id, workspace_id, login,"
                        + " email, type, first_name, last_name, status, mail_language, visibility_scope,"
                        + " creation_notification) FROM STDIN", new StringReader(copied));
            }
        })).isEqualTo("23503");
        assertThat(accounts(ws)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM invite.account WHERE workspace_id = ?").param(missing)
                .query(Long.class).single()).isZero();

        UUID id = UUID.randomUUID();
        assertThat(jdbc.sql(insert).params(id, ws, "Élodie.Ñ", "Élodie@DB.example").update()).isEqualTo(1);
        assertThat(sqlState(() -> jdbc.sql(insert).params(UUID.randomUUID(), ws, "éLODIE.ñ", "other@db.example")
                .update())).isEqualTo("23505");
        assertThat(sqlState(() -> jdbc.sql(insert).params(UUID.randomUUID(), ws, "other", "élodie@db.EXAMPLE")
                .update())).isEqualTo("23505");
        assertThat(sqlState(() -> jdbc.sql("UPDATE invite.account SET workspace_id = ? WHERE id = ?")
                .params(missing, id).update())).isEqualTo("23503");
        assertThat(sqlState(() -> jdbc.sql("DELETE FROM invite.workspace WHERE id = ?").param(ws).update()))
                .isEqualTo("23503");
        assertThat(sqlState(() -> jdbc.sql("UPDATE invite.workspace SET id = ? WHERE id = ?").params(missing, ws)
                .update())).isEqualTo("23503");
        assertThat(jdbc.sql("SELECT workspace_id FROM invite.account WHERE id = ?").param(id).query(String.class)
                .single()).isEqualTo(ws);
    }

    /** The SQLSTATE the statement failed with; null when it did not fail. */
    private static String sqlState(org.assertj.core.api.ThrowableAssert.ThrowingCallable statement) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(statement);
        while (failure != null && !(failure instanceof SQLException)) {
            failure = failure.getCause();
        }
        return failure == null ? null : ((SQLException) failure).getSQLState();
    }

    /** Each account of the workspace as JSON, by login, without what differs by nature (ids, instants, workspace). */
    private List<String> storedAccounts(String ws) {
        return jdbc.sql("SELECT (to_jsonb(a) - 'id' - 'workspace_id' - 'owner_id' - 'created_at' - 'updated_at'"
                        + " || jsonb_build_object('owner', o.login))::text FROM invite.account a"
                        + " LEFT JOIN invite.account o ON o.id = a.owner_id WHERE a.workspace_id = ?"
                        + " ORDER BY a.email")
                .param(ws).query(String.class).list();
    }

    /**
     * Another create-user under a request id already handled — in an earlier poll, earlier in the same poll, or alone
     * — is refused for the conflict, and changes nothing else (it used to vanish without a word).
     */
    @Test
    void aRunOfContactsFindsItsOwnersWhateverTheCaseAndRefusesAnUnknownOrMismatchedOne() {
        String ws = workspace(10);
        assertThat(handler.handleBatch(List.of(create(ws, "o1", "boss", "boss@owners.example", "ACTIVE"),
                create(ws, "o2", "chief", "chief@owners.example", "ACTIVE")))).isEqualTo(-1);
        assertThat(handler.handleBatch(List.of(
                command(ws, "c1", contact("BOSS", "Batch", "c1@owners.example")),
                command(ws, "c2", contact("nobody", null, "c2@owners.example")),
                command(ws, "c3", contact("boss", "Bob", "c3@owners.example")),
                command(ws, "c4", contact("chief", null, "c4@owners.example"))))).isEqualTo(-1);

        assertThat(jdbc.sql("SELECT c.email || ' ' || o.login FROM invite.account c JOIN invite.account o"
                + " ON o.id = c.owner_id WHERE c.workspace_id = ? ORDER BY c.email").param(ws).query(String.class)
                .list()).containsExactly("c1@owners.example boss", "c4@owners.example chief");
        assertThat(jdbc.sql("SELECT request_id || ' ' || outcome FROM invite.account_request WHERE workspace_id = ?"
                + " AND request_id LIKE 'c%' ORDER BY request_id").param(ws).query(String.class).list())
                .containsExactly("c1 ACCEPTED", "c2 REJECTED", "c3 REJECTED", "c4 ACCEPTED");
    }

    private static io.roster.contracts.account.CreateContact contact(String owner, String ownerFirstName,
            String email) {
        return new io.roster.contracts.account.CreateContact(owner, ownerFirstName, null, null, email, "Con", "Tact",
                "ACTIVE", "en", "PUBLIC", null, null, null, null, null, null, null, null, null, null, null, null,
                false);
    }

    @Test
    void aDeletionFindsTheContactsOfItsAccountThroughAnIndexNotByReadingEveryAccount() throws Exception {
        // DeleteAccountHandler's count of a user's contacts, and the query the owner_id foreign key runs for every
        // deleted account: with sequential scans priced out, a plan that still reads the table has no index to use
        String owner = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            try {
                for (String query : List.of("SELECT count(*) FROM invite.account WHERE owner_id = '" + owner + "'",
                        "SELECT 1 FROM ONLY invite.account x WHERE owner_id = '" + owner + "' FOR KEY SHARE OF x")) {
                    StringBuilder plan = new StringBuilder();
                    try (var rows = statement.executeQuery("EXPLAIN " + query)) {
                        while (rows.next()) {
                            plan.append(rows.getString(1)).append('\n');
                        }
                    }
                    assertThat(plan.toString()).as(query).contains("account_owner").doesNotContain("Seq Scan");
                }
            } finally {
                statement.execute("RESET enable_seqscan");
            }
        }
    }

    @Test
    void anotherCreateUnderAKnownRequestIdIsRefusedForTheConflict() {
        String ws = workspace();
        assertThat(handler.handleBatch(List.of(create(ws, "c1", "u1", "u1@batch.example", "ACTIVE"),
                create(ws, "c1", "u2", "u2@batch.example", "ACTIVE")))).isEqualTo(-1);
        assertThat(handler.handleBatch(List.of(create(ws, "c1", "u3", "u3@batch.example", "ACTIVE"),
                create(ws, "c2", "u4", "u4@batch.example", "ACTIVE")))).isEqualTo(-1);
        Outcome alone = handler.handle(create(ws, "c1", "u5", "u5@batch.example", "ACTIVE"));
        assertThat(alone.accepted()).isFalse();
        assertThat(alone.problems()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("requestId", "request_id_conflict"));

        assertThat(outcomes(ws, 5)).containsExactly(
                "c1 account.created.v1 ACTIVE",
                "c1 account.request-rejected.v1 requestId:request_id_conflict",
                "c1 account.request-rejected.v1 requestId:request_id_conflict",
                "c1 account.request-rejected.v1 requestId:request_id_conflict",
                "c2 account.created.v1 ACTIVE");
        assertThat(accounts(ws)).containsExactly("u1", "u4");
        assertThat(requests(ws)).isEqualTo(2);
        assertThat(licencesUsed(ws)).isEqualTo(2);
        // the same request again is still a replay: nothing at all
        assertThat(handler.handle(create(ws, "c1", "u1", "u1@batch.example", "ACTIVE")).repeated()).isTrue();
    }

    @Test
    void aBucketIsNotDeletedWhileAGrantOfItIsUncommitted() throws Exception {
        String ws = workspace();
        assertThat(handler.handle(command(ws, "bucket-1", new CreateBucket("sales"))).accepted()).isTrue();
        List<Outcome> outcomes = secondWaitsForFirst("the deletion waits for the grant in flight",
                () -> handler.handle(create(ws, "grant-1", "g1", "g1@batch.example", "CLOSED", List.of("sales"))),
                () -> handler.handle(command(ws, "bucket-2", new DeleteBucket("sales"))));
        assertThat(outcomes.get(0).accepted()).isTrue();
        Outcome refused = outcomes.get(1);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.problems()).extracting(FieldProblem::code).containsExactly("bucket_in_use");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.bucket WHERE workspace_id = ?").param(ws)
                .query(Long.class).single()).isEqualTo(1);
    }

    /**
     * Over Kafka, an invitation checks the licences before it writes and again once its invitations hold the
     * workspace row, before its commit: one that passed the first check while a concurrent one was uncommitted
     * waits for it, is refused by the second check, and only its rejection stays.
     */
    @Test
    void anInvitationOverKafkaThatLostTheLastLicencesToAConcurrentOneRecordsItsRejection() throws Exception {
        String ws = workspace(3);
        List<Outcome> outcomes = secondWaitsForFirst(
                "the second invitation waits for the workspace row",
                () -> handler.handle(command(ws, "invite-1", invite("a@race.example", "b@race.example"))),
                () -> handler.handle(command(ws, "invite-2", invite("c@race.example", "d@race.example"))));
        assertThat(outcomes.get(0).accepted()).isTrue();
        assertThat(outcomes.get(1).accepted()).isFalse();
        assertThat(outcomes.get(1).problems()).extracting(FieldProblem::code).containsExactly("licences_exhausted");
        assertOnlyInvited(ws, "invite-1", List.of("a@race.example", "b@race.example"));
        assertThat(jdbc.sql("SELECT request_id || ' ' || outcome FROM invite.account_request"
                + " WHERE workspace_id = ? ORDER BY request_id").param(ws).query(String.class).list())
                .containsExactly("invite-1 ACCEPTED", "invite-2 REJECTED");
        kafka.await(Topics.ACCOUNT_EVENTS, inWorkspace(ws), 3, WAIT);
        assertThat(eventsOf(ws)).containsExactlyInAnyOrder("invite-1 invitation.changed.v1",
                "invite-1 invitation.changed.v1", "invite-2 account.request-rejected.v1");
    }

    /**
     * Over HTTP the invitations are counted on the workspace row at commit (the row is locked only inside it): of
     * two invitations for the last licences that both passed the first check, the one committed second is refused
     * at its commit, and nothing of it stays.
     */
    @Test
    void anInvitationOverHttpThatLostTheLastLicencesAtItsCommitLeavesNothingBehind() throws Exception {
        String ws = workspace(3);
        var transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            // holds the workspace row as an update would (not against the invitations' foreign key), so that both
            // invitations are written and wait in their commits
            var holder = pool.submit(() -> transactions.executeWithoutResult(tx -> {
                jdbc.sql("SELECT 1 FROM invite.workspace WHERE id = ? FOR NO KEY UPDATE").param(ws).query()
                        .listOfRows();
                locked.countDown();
                await(release);
            }));
            locked.await();
            var one = pool.submit(() -> handler.answer(
                    command(ws, "invite-1", invite("a@race.example", "b@race.example"))));
            var two = pool.submit(() -> handler.answer(
                    command(ws, "invite-2", invite("c@race.example", "d@race.example"))));
            Thread.sleep(300);
            assertThat(one.isDone() || two.isDone()).as("both wait for the workspace row in their commits").isFalse();
            assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE query = 'COMMIT'"
                    + " AND wait_event_type = 'Lock'").query(Long.class).single()).isEqualTo(2);
            release.countDown();
            holder.get();
            List<Outcome> outcomes = List.of(one.get(), two.get());
            assertThat(outcomes).filteredOn(Outcome::accepted).hasSize(1);
            Outcome refused = outcomes.stream().filter(o -> !o.accepted()).findFirst()
                    .orElseThrow();
            assertThat(refused.problems()).extracting(FieldProblem::code).containsExactly("licences_exhausted");
            boolean firstWon = outcomes.get(0).accepted();
            String winner = firstWon ? "invite-1" : "invite-2";
            assertOnlyInvited(ws, winner, firstWon ? List.of("a@race.example", "b@race.example")
                    : List.of("c@race.example", "d@race.example"));
            assertThat(jdbc.sql("SELECT request_id || ' ' || outcome FROM invite.account_request"
                    + " WHERE workspace_id = ?").param(ws).query(String.class).list())
                    .containsExactly(winner + " ACCEPTED");
            kafka.await(Topics.ACCOUNT_EVENTS, inWorkspace(ws), 2, WAIT);
            assertThat(eventsOf(ws)).containsExactly(winner + " invitation.changed.v1",
                    winner + " invitation.changed.v1");
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    /**
     * A trial workspace invites five users in all, pending or accepted (cancelled ones do not count), whatever its
     * licences; of two invitations that pass the first count while the other is uncommitted, the second is refused
     * once it holds the workspace row.
     */
    @Test
    void aTrialWorkspaceInvitesFiveUsersInAll() throws Exception {
        for (Transport transport : Transport.values()) {
            String ws = "trial-" + UUID.randomUUID().toString().substring(0, 8);
            workspaces.createIfAbsent(new Workspace(ws, ws, Workspace.Plan.TRIAL, 50, ZoneId.of("UTC"), Set.of(),
                    Set.of()));
            assertThat(handle(command(ws, "t-1", invite("a@trial.example", "b@trial.example",
                    "c@trial.example")), transport).accepted()).isTrue();
            Outcome over = handle(command(ws, "t-2", invite("d@trial.example",
                    "e@trial.example", "f@trial.example")), transport);
            assertThat(over.accepted()).isFalse();
            assertThat(over.problems()).extracting(FieldProblem::code).containsExactly("trial_limit");
            assertThat(over.problems().get(0).message()).contains("5 users in all; 3 are invited already");
            jdbc.sql("UPDATE invite.invitation SET status = 'CANCELLED' WHERE workspace_id = ? AND email = ?")
                    .params(ws, "c@trial.example").update();

            List<Outcome> race = secondWaitsForFirst(
                    "the second trial invitation waits for the workspace row",
                    () -> handle(command(ws, "t-3", invite("g@trial.example", "h@trial.example")), transport),
                    () -> handle(command(ws, "t-4", invite("i@trial.example", "j@trial.example")), transport));
            assertThat(race.get(0).accepted()).isTrue();
            assertThat(race.get(1).accepted()).isFalse();
            assertThat(race.get(1).problems()).extracting(FieldProblem::code).containsExactly("trial_limit");
            assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE workspace_id = ? AND status <> ?")
                    .params(ws, "CANCELLED").query(Long.class).single()).isEqualTo(4);
            assertThat(jdbc.sql("SELECT invitations_pending FROM invite.workspace WHERE id = ?").param(ws)
                    .query(Integer.class).single()).isEqualTo(4);
        }
    }

    /** Only these invitations, their mails, and the workspace's pending counter counting them. */
    private void assertOnlyInvited(String ws, String requestId, List<String> emails) {
        assertThat(jdbc.sql("SELECT email FROM invite.invitation WHERE workspace_id = ? AND request_id = ?"
                + " ORDER BY email").params(ws, requestId).query(String.class).list()).isEqualTo(emails);
        assertThat(jdbc.sql("SELECT count(*) FROM invite.invitation WHERE workspace_id = ?").param(ws)
                .query(Long.class).single()).isEqualTo(emails.size());
        assertThat(jdbc.sql("SELECT recipient FROM invite.mail_delivery WHERE workspace_id = ?"
                + " ORDER BY recipient").param(ws).query(String.class).list()).isEqualTo(emails);
        assertThat(jdbc.sql("SELECT invitations_pending FROM invite.workspace WHERE id = ?").param(ws)
                .query(Integer.class).single()).isEqualTo(emails.size());
    }

    private List<String> eventsOf(String ws) {
        return kafka.readAll(Topics.ACCOUNT_EVENTS, inWorkspace(ws), Duration.ofSeconds(2)).stream()
                .map(r -> codec.read(r.value()))
                .map(e -> e.requestId() + " " + e.type())
                .toList();
    }

    /**
     * Two users created at once for a workspace's last licence: both pass the unlocked count, the second waits for
     * the first's licence and is refused. Over HTTP nothing of it stays; over Kafka only its rejection does.
     */
    @Test
    void anAccountThatLostTheLastLicenceToAConcurrentOneIsRefusedForIt() throws Exception {
        for (Transport transport : Transport.values()) {
            String ws = workspace(1);
            List<Outcome> outcomes = secondWaitsForFirst(
                    "the second creation waits for the workspace row",
                    () -> handle(create(ws, "create-1", "first", "first@race.example", "ACTIVE"), transport),
                    () -> handle(create(ws, "create-2", "second", "second@race.example", "ACTIVE"), transport));
            assertThat(outcomes.get(0).accepted()).isTrue();
            assertThat(outcomes.get(1).accepted()).isFalse();
            assertThat(outcomes.get(1).problems()).extracting(FieldProblem::code)
                    .containsExactly("licences_exhausted");
            assertThat(jdbc.sql("SELECT login FROM invite.account WHERE workspace_id = ?").param(ws)
                    .query(String.class).list()).containsExactly("first");
            assertThat(jdbc.sql("SELECT licences_used FROM invite.workspace WHERE id = ?").param(ws)
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT request_id || ' ' || outcome FROM invite.account_request"
                    + " WHERE workspace_id = ? ORDER BY request_id").param(ws).query(String.class).list())
                    .containsExactlyElementsOf(transport == Transport.KAFKA
                            ? List.of("create-1 ACCEPTED", "create-2 REJECTED")
                            : List.of("create-1 ACCEPTED"));
        }
    }

    /** Over Kafka a refusal is published and logged; over HTTP it is answered and nothing is written. */
    private enum Transport { KAFKA, HTTP }

    private Outcome handle(Envelope<Payload> command, Transport transport) {
        return transport == Transport.KAFKA ? handler.handle(command) : handler.answer(command);
    }

    private static io.roster.contracts.account.InviteUsers invite(String... emails) {
        return new io.roster.contracts.account.InviteUsers(List.of(emails), false, "READ_ONLY", List.of(), "en");
    }

    /**
     * Runs {@code first} in a transaction held open until {@code second}, started meanwhile, has been waiting on it
     * for 300 ms (asserted, with {@code why}); then commits it. Returns both outcomes, first then second.
     */
    private <T> List<T> secondWaitsForFirst(String why, java.util.function.Supplier<T> first,
            java.util.function.Supplier<T> second) throws Exception {
        var transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var held = pool.submit(() -> transactions.execute(tx -> {
                T outcome = first.get();
                done.countDown();
                await(commit);
                return outcome;
            }));
            done.await();
            var waiting = pool.submit(second::get);
            Thread.sleep(300);
            assertThat(waiting.isDone()).as(why).isFalse();
            commit.countDown();
            return List.of(held.get(), waiting.get());
        } finally {
            commit.countDown();
            pool.shutdown();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Envelope<Payload> command(String ws, String requestId, Payload payload) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), Instant.now(), ws, requestId,
                new Actor(Actor.Kind.UPSTREAM, "batch-test", null), payload);
    }

    /** Three licences; duplicates within the batch, an invalid row, a repeat, a closed account, an unknown bucket. */
    private static List<Envelope<Payload>> commands(String ws) {
        return List.of(
                create(ws, "r1", "u1", "u1@batch.example", "ACTIVE"),
                create(ws, "r2", "u2", "u2@batch.example", "ACTIVE"),
                create(ws, "r3", "U1", "other@batch.example", "ACTIVE"),
                create(ws, "r4", "u9", "not-an-email", "ACTIVE"),
                create(ws, "r5", "u8", "U2@batch.example", "ACTIVE"),
                create(ws, "r6", "u3", "u3@batch.example", "ACTIVE"),
                create(ws, "r2", "u2", "u2@batch.example", "ACTIVE"),
                create(ws, "r7", "u4", "u4@batch.example", "ACTIVE"),
                create(ws, "r8", "u5", "u5@batch.example", "CLOSED"),
                create(ws, "r9", "u6", "u6@batch.example", "CLOSED", List.of("nowhere")));
    }

    private static Envelope<Payload> create(String ws, String requestId, String login, String email, String status) {
        return create(ws, requestId, login, email, status, List.of());
    }

    private static Envelope<Payload> create(String ws, String requestId, String login, String email, String status,
            List<String> buckets) {
        CreateUser user = new CreateUser(login, email, "Batch", "User", status, "en", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, false, null, null, null, null,
                "READ_ONLY", buckets);
        return new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(), Instant.now(), ws, requestId,
                new Actor(Actor.Kind.UPSTREAM, "batch-test", null), user);
    }

    private String workspace() {
        return workspace(3);
    }

    private String workspace(int licences) {
        String id = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        workspaces.createIfAbsent(new Workspace(id, id, Workspace.Plan.STANDARD, licences, ZoneId.of("UTC"),
                Set.of(), Set.of()));
        return id;
    }

    /**
     * Each event of the workspace, read from the topic (the relay deletes outbox rows once the broker has them),
     * in request-id order: request id, type, and status or the first problem. A batch writes nothing after it
     * returns, so its events are all on the topic once the expected number has arrived.
     */
    private List<String> outcomes(String ws, int expected) {
        return kafka.await(Topics.ACCOUNT_EVENTS, inWorkspace(ws), expected, WAIT).stream()
                .map(r -> codec.read(r.value()))
                .map(e -> e.requestId() + " " + e.type() + " " + (e.payload() instanceof AccountCreated c
                        ? c.status().name()
                        : problem(((AccountRequestRejected) e.payload()).problems().get(0))))
                .sorted()
                .toList();
    }

    private static java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>
            inWorkspace(String ws) {
        return r -> r.value().contains("\"workspaceId\":\"" + ws + "\"");
    }

    private static String problem(FieldProblem p) {
        return (p.field() == null ? "-" : p.field()) + ":" + p.code();
    }

    private List<String> accounts(String ws) {
        return jdbc.sql("SELECT login FROM invite.account WHERE workspace_id = ? ORDER BY login").param(ws)
                .query(String.class).list();
    }

    private int licencesUsed(String ws) {
        return jdbc.sql("SELECT licences_used FROM invite.workspace WHERE id = ?").param(ws).query(Integer.class)
                .single();
    }

    private long requests(String ws) {
        return jdbc.sql("SELECT count(*) FROM invite.account_request WHERE workspace_id = ?").param(ws)
                .query(Long.class).single();
    }
}
