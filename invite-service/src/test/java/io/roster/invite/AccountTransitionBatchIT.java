package io.roster.invite;

import static io.roster.invite.PipelineCommands.command;
import static io.roster.invite.PipelineCommands.newWorkspace;
import static io.roster.invite.PipelineCommands.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.CloseAccount;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.ReactivateAccount;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.SuspendAccounts;
import io.roster.invite.pipeline.CommandPipeline;
import io.roster.invite.pipeline.Outcome;
import io.roster.invite.workspace.WorkspaceRepository;
import io.roster.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A poll's suspend (reactivate, close) commands are decided set-wise — one UPDATE for the run — with exactly the
 * outcomes of the same commands one at a time: the same statuses, events (with the status each account had), refusals,
 * sessions ended and licences given back.
 */
@InviteServiceIntegrationTest
class AccountTransitionBatchIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    CommandPipeline pipeline;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    JdbcClient jdbc;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void aRunOfSuspensionsDecidesExactlyAsOneAtATime() {
        String batched = workspaceWithAccounts();
        String single = workspaceWithAccounts();
        String other = workspaceWithAccounts();

        assertThat(pipeline.handleBatch(suspensions(batched, other))).isEqualTo(-1);
        suspensions(single, other).forEach(pipeline::handle);

        List<String> outcomes = outcomes(batched, 10);
        assertThat(outcomes).isEqualTo(outcomes(single, 10));
        assertThat(outcomes).containsExactly(
                "s1 account.status-changed.v1 ACTIVE->INACTIVE by scheduler",
                "s2 account.request-rejected.v1 status:illegal_transition the account is already INACTIVE",
                "s3 account.request-rejected.v1 status:illegal_transition the account is already INACTIVE",
                "s4 account.request-rejected.v1 status:illegal_transition the account is CLOSED, which is final",
                "s5 account.request-rejected.v1 status:illegal_transition a contact cannot be disabled, only closed",
                "s6 account.request-rejected.v1 accountId:not_found no account 'not-an-id' in this workspace",
                "s7 account.request-rejected.v1 accountId:not_found no account '" + UUID.nameUUIDFromBytes(
                        new byte[0]) + "' in this workspace",
                "s8 account.request-rejected.v1 accountId:not_found no account '" + id(other, "a1")
                        + "' in this workspace",
                "s9 account.status-changed.v1 ACTIVE->INACTIVE by scheduler",
                "s9b account.status-changed.v1 ACTIVE->INACTIVE by scheduler");
        assertThat(statuses(batched)).isEqualTo(statuses(single)).isEqualTo(Map.of("a1", "INACTIVE",
                "a2", "INACTIVE", "a3", "CLOSED", "a4", "INACTIVE", "a5", "INACTIVE", "c1", "ACTIVE"));
        assertThat(statuses(other)).as("another workspace's account is untouched").containsEntry("a1", "ACTIVE");
        assertThat(openSessions(batched)).isEqualTo(openSessions(single)).containsExactly("c1");
        assertThat(jdbc.sql("SELECT end_reason FROM invite.session WHERE workspace_id = ? AND ended_at IS NOT NULL")
                .param(batched).query(String.class).list()).hasSize(4).containsOnly("ACCOUNT_INACTIVE");
        assertThat(requests(batched)).isEqualTo(10).isEqualTo(requests(single));
    }

    @Test
    void aBatchOfSuspensionsDecidesEachAccountAsItsOwnCommandWouldAndIsLoggedOnce() {
        String batched = workspaceWithAccounts();
        String single = workspaceWithAccounts();
        String other = workspaceWithAccounts();
        List<SuspendAccount> inBatch = suspensionsWithPremises(batched, other);
        // two commands of one poll, and a third that lists no account
        List<Envelope<Payload>> poll = List.of(
                command(batched, "m1", new SuspendAccounts("by scheduler", inBatch.subList(0, 6).stream()
                        .map(SuspendAccounts.Suspension::of).toList())),
                command(batched, "m2", new SuspendAccounts("by scheduler", inBatch.subList(6, inBatch.size()).stream()
                        .map(SuspendAccounts.Suspension::of).toList())),
                command(batched, "m3", new SuspendAccounts("by scheduler", List.of())));

        assertThat(pipeline.handleBatch(poll)).isEqualTo(-1);
        List<SuspendAccount> alone = suspensionsWithPremises(single, other);
        for (int i = 0; i < alone.size(); i++) {
            pipeline.handle(command(single, "s" + i, alone.get(i)));
        }

        List<String> outcomes = outcomesOfAccounts(batched, 12);
        assertThat(outcomes.subList(0, 11)).isEqualTo(outcomesOfAccounts(single, 11));
        assertThat(outcomes).containsExactly(
                "m1 account.request-rejected.v1 accountId:not_found",
                "m1 account.request-rejected.v1 status:illegal_transition",
                "m1 account.request-rejected.v1 status:illegal_transition",
                "m1 account.request-rejected.v1 status:illegal_transition",
                "m1 account.request-rejected.v1 status:illegal_transition",
                "m1 account.status-changed.v1 ACTIVE->INACTIVE by scheduler",
                "m2 account.request-rejected.v1 accountId:not_found",
                "m2 account.request-rejected.v1 accountId:not_found",
                "m2 account.request-rejected.v1 suspensionDate:premise_changed",
                "m2 account.status-changed.v1 ACTIVE->INACTIVE by scheduler",
                "m2 account.status-changed.v1 ACTIVE->INACTIVE by scheduler",
                "m3 account.request-rejected.v1 accounts:required");
        // each refusal names its account, as the single command's does
        assertThat(kafka.await(Topics.ACCOUNT_EVENTS, inWorkspace(batched).and(r -> r.value().contains("premise_changed")),
                1, WAIT)).singleElement().satisfies(r -> {
                    AccountRequestRejected rejected = (AccountRequestRejected) codec.read(r.value()).payload();
                    assertThat(rejected.requestType()).isEqualTo("account.suspend-many.v1");
                    assertThat(rejected.subject()).isEqualTo(id(batched, "a5"));
                    assertThat(r.key()).isEqualTo(batched + "/" + id(batched, "a5"));
                });
        assertThat(statuses(batched)).isEqualTo(statuses(single));
        assertThat(openSessions(batched)).isEqualTo(openSessions(single)).containsExactly("c1");
        assertThat(requests(batched)).as("one log entry per command").isEqualTo(3);

        // redelivered: nothing applied or announced again
        assertThat(pipeline.handleBatch(poll)).isEqualTo(-1);
        assertThat(pipeline.handle(poll.get(0)).repeated()).isTrue();
        assertThat(requests(batched)).isEqualTo(3);
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, inWorkspace(batched).and(r -> r.value().contains("-many")
                || r.value().contains("status-changed")), Duration.ofSeconds(2))).hasSize(12);
    }

    /** {@link #suspensions}' accounts, a5's first with a suspension date it does not have (premise_changed). */
    private List<SuspendAccount> suspensionsWithPremises(String ws, String other) {
        List<SuspendAccount> all = new ArrayList<>();
        for (Envelope<Payload> command : suspensions(ws, other)) {
            SuspendAccount suspension = (SuspendAccount) command.payload();
            if (command.requestId().equals("s9b")) {
                all.add(SuspendAccount.atSuspensionDate(suspension.accountId(), "by scheduler",
                        java.time.Instant.parse("2026-12-01T08:00:00Z"), java.time.Instant.parse("2026-11-01T08:00:00Z")));
            }
            all.add(new SuspendAccount(suspension.accountId(), "by scheduler"));
        }
        return all;
    }

    /** The outcome events of the workspace's transitions: request id (m… for batches, s… alone), type, outcome. */
    private List<String> outcomesOfAccounts(String ws, int expected) {
        return kafka.await(Topics.ACCOUNT_EVENTS, inWorkspace(ws).and(r -> !r.value().contains("account.created")),
                        expected, WAIT).stream()
                .map(r -> codec.read(r.value()))
                .map(e -> (e.requestId().startsWith("s") ? "m" + (Integer.parseInt(e.requestId().substring(1)) < 6
                        ? 1 : 2) : e.requestId()) + " " + e.type() + " "
                        + (e.payload() instanceof AccountStatusChanged c ? c.from() + "->" + c.to() + " " + c.reason()
                        : problemCode((AccountRequestRejected) e.payload())))
                .sorted()
                .toList();
    }

    private static String problemCode(AccountRequestRejected rejected) {
        var p = rejected.problems().get(0);
        return (p.field() == null ? "-" : p.field()) + ":" + p.code();
    }

    @Test
    void aRunOfClosingsGivesTheLicencesBackAndTellsTheStatusEachHad() {
        String batched = workspaceWithAccounts();
        String single = workspaceWithAccounts();

        assertThat(pipeline.handleBatch(closings(batched))).isEqualTo(-1);
        closings(single).forEach(pipeline::handle);

        List<String> outcomes = outcomes(batched, 5);
        assertThat(outcomes).isEqualTo(outcomes(single, 5));
        assertThat(outcomes).containsExactly(
                "k1 account.status-changed.v1 ACTIVE->CLOSED by scheduler",
                "k2 account.status-changed.v1 INACTIVE->CLOSED by scheduler",
                "k3 account.request-rejected.v1 status:illegal_transition the account is CLOSED, which is final",
                "k4 account.status-changed.v1 ACTIVE->CLOSED by scheduler",
                "k5 account.request-rejected.v1 status:illegal_transition the account is CLOSED, which is final");
        // five users, a3 created CLOSED: four licences, two given back by users; the contact held none
        assertThat(licencesUsed(batched)).isEqualTo(2).isEqualTo(licencesUsed(single));
        assertThat(openSessions(batched)).isEqualTo(openSessions(single)).containsExactly("a2", "a5", "a5");
    }

    @Test
    void aRunOfReactivationsAfterSuspensions() {
        String ws = workspaceWithAccounts();
        pipeline.handleBatch(suspensions(ws, workspaceWithAccounts()));
        List<Envelope<Payload>> run = List.of(
                command(ws, "r1", new ReactivateAccount(id(ws, "a1"), "back")),
                command(ws, "r2", new ReactivateAccount(id(ws, "a4"), "back")),
                command(ws, "r3", new ReactivateAccount(id(ws, "a1"), "back")));

        assertThat(pipeline.handleBatch(run)).isEqualTo(-1);

        assertThat(outcomes(ws, 13).stream().filter(o -> o.startsWith("r")).toList()).containsExactly(
                "r1 account.status-changed.v1 INACTIVE->ACTIVE back",
                "r2 account.status-changed.v1 INACTIVE->ACTIVE back",
                "r3 account.request-rejected.v1 status:illegal_transition the account is already ACTIVE");
        assertThat(statuses(ws)).containsEntry("a1", "ACTIVE").containsEntry("a4", "ACTIVE").containsEntry("a2", "INACTIVE");
    }

    @Test
    void aRunRepeatedAfterCommitChangesNothing() {
        String ws = workspaceWithAccounts();
        List<Envelope<Payload>> run = suspensions(ws, workspaceWithAccounts());
        pipeline.handleBatch(run);
        List<String> before = outcomes(ws, 10);

        assertThat(pipeline.handleBatch(run)).isEqualTo(-1);
        Outcome again = pipeline.handle(run.get(0));

        assertThat(again.repeated()).isTrue();
        assertThat(requests(ws)).isEqualTo(10);
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, inWorkspace(ws), Duration.ofSeconds(2))
                .stream().filter(r -> r.value().contains("status-changed") || r.value().contains("rejected")))
                .hasSize(10);
        assertThat(outcomes(ws, 10)).isEqualTo(before);
    }

    @Test
    void anHttpSuspensionRefusedWritesNothing() {
        String ws = workspaceWithAccounts();
        Outcome refused = pipeline.answer(command(ws, "h1", new SuspendAccount(id(ws, "a4"), "admin")));
        Outcome accepted = pipeline.answer(command(ws, "h2", new SuspendAccount(id(ws, "a1"), "admin")));

        assertThat(refused.accepted()).isFalse();
        assertThat(refused.problems().get(0).message()).isEqualTo("the account is already INACTIVE");
        assertThat(accepted.accepted()).isTrue();
        assertThat(accepted.accountId()).hasToString(id(ws, "a1"));
        assertThat(jdbc.sql("SELECT request_id FROM invite.account_request WHERE workspace_id = ? AND request_id"
                + " LIKE 'h%'").param(ws).query(String.class).list()).containsExactly("h2");
    }

    /**
     * a1..a5 users: a1, a2, a5 ACTIVE with an open session each (a5's second), a3 CLOSED, a4 INACTIVE; c1 an ACTIVE
     * contact of a1 with an open session.
     */
    private String workspaceWithAccounts() {
        String ws = newWorkspace(workspaces, "transition", 10);
        List<Envelope<Payload>> creations = new ArrayList<>();
        for (String[] user : new String[][] {{"a1", "ACTIVE"}, {"a2", "ACTIVE"}, {"a3", "CLOSED"},
                {"a4", "INACTIVE"}, {"a5", "ACTIVE"}}) {
            creations.add(command(ws, "create-" + user[0], user(user[0], user[1])));
        }
        assertThat(pipeline.handleBatch(creations)).isEqualTo(-1);
        Outcome contact = pipeline.handle(command(ws, "create-c1", new CreateContact("a1", null, null, "c1",
                "c1@t.example", "C", "Contact", "ACTIVE", "en", "PRIVATE", null, null, null, null, null, null, null, null,
                null, null, null, null, false)));
        assertThat(contact.accepted()).as(contact.problems().toString()).isTrue();
        assertThat(statuses(ws)).hasSize(6);
        for (String login : List.of("a1", "a2", "a5", "a5", "c1")) {
            jdbc.sql("INSERT INTO invite.session (id, token_sha256, workspace_id, account_id) VALUES (?, ?, ?, ?)")
                    .params(UUID.randomUUID(), UUID.randomUUID().toString().getBytes(), ws,
                            UUID.fromString(id(ws, login))).update();
        }
        return ws;
    }

    private List<Envelope<Payload>> suspensions(String ws, String other) {
        Function<String, Payload> suspend = login -> new SuspendAccount(id(ws, login), "by scheduler");
        return List.of(
                command(ws, "s1", suspend.apply("a1")),
                command(ws, "s2", suspend.apply("a1")),
                command(ws, "s3", suspend.apply("a4")),
                command(ws, "s4", suspend.apply("a3")),
                command(ws, "s5", suspend.apply("c1")),
                command(ws, "s6", new SuspendAccount("not-an-id", "by scheduler")),
                command(ws, "s7", new SuspendAccount(UUID.nameUUIDFromBytes(new byte[0]).toString(), "x")),
                command(ws, "s8", new SuspendAccount(id(other, "a1"), "by scheduler")),
                command(ws, "s9", suspend.apply("a2")),
                command(ws, "s9b", suspend.apply("a5")));
    }

    private List<Envelope<Payload>> closings(String ws) {
        Function<String, Payload> close = login -> new CloseAccount(id(ws, login), "by scheduler");
        return List.of(
                command(ws, "k1", close.apply("a1")),
                command(ws, "k2", close.apply("a4")),
                command(ws, "k3", close.apply("a1")),
                command(ws, "k4", close.apply("c1")),
                command(ws, "k5", close.apply("a3")));
    }

    private String id(String ws, String login) {
        return jdbc.sql("SELECT id::text FROM invite.account WHERE workspace_id = ? AND login = ?")
                .params(ws, login).query(String.class).single();
    }

    /** The workspace's outcome events of transitions, sorted by request id: request id, type, what happened. */
    private List<String> outcomes(String ws, int expected) {
        return kafka.await(Topics.ACCOUNT_EVENTS, inWorkspace(ws).and(r -> !r.value().contains("account.created")),
                        expected, WAIT).stream()
                .map(r -> codec.read(r.value()))
                .map(e -> e.requestId() + " " + e.type() + " " + (e.payload() instanceof AccountStatusChanged c
                        ? c.from() + "->" + c.to() + " " + c.reason()
                        : problem((AccountRequestRejected) e.payload())))
                .sorted()
                .toList();
    }

    private static String problem(AccountRequestRejected rejected) {
        var p = rejected.problems().get(0);
        return (p.field() == null ? "-" : p.field()) + ":" + p.code() + " " + p.message();
    }

    private static java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>
            inWorkspace(String ws) {
        return r -> r.value().contains("\"workspaceId\":\"" + ws + "\"");
    }

    private Map<String, String> statuses(String ws) {
        return jdbc.sql("SELECT login, status FROM invite.account WHERE workspace_id = ?").param(ws)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<String> openSessions(String ws) {
        return jdbc.sql("SELECT a.login FROM invite.session s JOIN invite.account a ON a.id = s.account_id"
                + " WHERE s.workspace_id = ? AND s.ended_at IS NULL ORDER BY a.login").param(ws)
                .query(String.class).list();
    }

    private int licencesUsed(String ws) {
        return jdbc.sql("SELECT licences_used FROM invite.workspace WHERE id = ?").param(ws).query(Integer.class)
                .single();
    }

    private long requests(String ws) {
        return jdbc.sql("SELECT count(*) FROM invite.account_request WHERE workspace_id = ? AND request_id NOT LIKE"
                + " 'create-%'").param(ws).query(Long.class).single();
    }
}
