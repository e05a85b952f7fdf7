package io.roster.importer.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.contracts.imports.ImportCompleted;
import io.roster.importer.ImportApi;
import io.roster.importer.ImporterFixtures;
import io.roster.importer.ImporterIT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Polls handled again as a consumer does after a crash between the database's commit and the offsets' (the same
 * records, in the same order, straight to the listener), and events sent twice by a relay (the same event id later
 * on): creations, which pass no inbox, count once and keep the job's totals exact; a deletion or a later status
 * change is not undone by the events behind it delivered again.
 */
class AnswersDeliveredAgainIT extends ImporterIT {

    private static final AtomicLong OFFSETS = new AtomicLong();
    private static final AccountEventsDeserializer READ = new AccountEventsDeserializer(ImporterFixtures.CODEC);

    @Autowired
    AccountEventsListener listener;
    @Autowired
    KnownAccounts known;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void answersDeliveredAgainCountOnceAndTheJobCompletesOnceWithExactTotals() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        String id = ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS&mode=IMPORT", "users.csv",
                csv(USERS_HEADER, "Lovelace,Ada,ada@example.com,ACTIVE,ada.lovelace,en,,,,,NO",
                        "Hopper,Grace,grace@example.com,ACTIVE,grace.hopper,en,,,,,NO",
                        "Turing,Alan,alan@example.com,ACTIVE,alan.turing,en,,,,,NO"))
                .body()).get("id").asString();
        List<Envelope<Payload>> commands = kafka.await(Topics.ACCOUNT_REQUESTS, r -> r.key().startsWith(ws + "/"), 3,
                Duration.ofSeconds(30)).stream().map(r -> ImporterFixtures.CODEC.read(r.value()))
                .sorted(Comparator.comparing(e -> ((CreateUser) e.payload()).login())).toList();
        Envelope<Payload> ada = answer(ws, commands.get(0), "ada.lovelace");
        Envelope<Payload> alan = answer(ws, commands.get(1), "alan.turing");
        Envelope<Payload> grace = answer(ws, commands.get(2), "grace.hopper");

        // Ada twice in her poll (a relay's duplicate right behind it); the poll handled again, its offsets lost
        List<ConsumerRecord<String, Envelope<Payload>>> first = records(ada, ada);
        listener.onEvents(first);
        listener.onEvents(first);
        // Alan and Grace in the next poll, handled again with a later one that repeats Ada's answer once more
        listener.onEvents(records(alan, grace));
        listener.onEvents(records(alan, grace, ada));

        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("accountsCreated").asLong()).isEqualTo(3);
        assertThat(done.get("rowsFailed").asLong()).isZero();
        assertThat(fixtures.rowOutcomes(id)).containsExactly("CREATED", "CREATED", "CREATED");
        // the rows are read, not rewritten: each account's projection row names the request it answered
        assertThat(jdbc.sql("SELECT state FROM importer.import_row WHERE job_id = ?::uuid ORDER BY row_no")
                .param(id).query(String.class).list()).containsExactly("VALID", "VALID", "VALID");
        assertThat(jdbc.sql("SELECT k.login FROM importer.import_row r JOIN importer.known_account k"
                + " ON k.request_id = r.request_id AND k.workspace_id = ? WHERE r.job_id = ?::uuid ORDER BY r.row_no")
                .params(ws, id).query(String.class).list())
                .containsExactly("ada.lovelace", "grace.hopper", "alan.turing");
        assertThat(jdbc.sql("SELECT login FROM importer.known_account WHERE workspace_id = ? ORDER BY login")
                .param(ws).query(String.class).list()).containsExactly("ada.lovelace", "alan.turing", "grace.hopper");
        // delivered once more after the job completed: its totals and its one completion stay as they are
        listener.onEvents(records(ada, alan, grace));
        assertThat(jdbc.sql("SELECT accounts_created FROM importer.import_job WHERE id = ?::uuid").param(id)
                .query(Long.class).single()).isEqualTo(3);
        List<ConsumerRecord<String, String>> completions = kafka.readAll(Topics.ACTIVITY,
                r -> r.key().equals(ws + "/" + id), Duration.ofSeconds(2));
        assertThat(completions).singleElement().satisfies(r -> assertThat(ImporterFixtures.CODEC.read(r.value())
                .payload()).isInstanceOfSatisfying(ImportCompleted.class, c -> {
                    assertThat(c.accountsCreated()).isEqualTo(3);
                    assertThat(c.rowsFailed()).isZero();
                }));
    }

    @Test
    void aDeletionOrALaterStatusChangeIsNotUndoneByTheEventsBeforeItDeliveredAgain() {
        String ws = ImporterFixtures.newWorkspace();
        String gone = UUID.randomUUID().toString();
        Envelope<Payload> created = event(ws, created(gone, "gone.user", "gone@example.com"));
        Envelope<Payload> closed = event(ws, new AccountStatusChanged(gone, AccountStatus.ACTIVE,
                AccountStatus.CLOSED, null));
        Envelope<Payload> deleted = event(ws, new AccountDeleted(gone, "p-" + gone));
        String kept = UUID.randomUUID().toString();
        Envelope<Payload> keptCreated = event(ws, created(kept, "kept.user", "kept@example.com"));
        Envelope<Payload> inactive = event(ws, new AccountStatusChanged(kept, AccountStatus.ACTIVE,
                AccountStatus.INACTIVE, null));
        Envelope<Payload> active = event(ws, new AccountStatusChanged(kept, AccountStatus.INACTIVE,
                AccountStatus.ACTIVE, null));

        listener.onEvents(records(created, keptCreated));
        listener.onEvents(records(closed, inactive));
        listener.onEvents(records(deleted, active));
        assertThat(accounts(ws)).containsExactly("kept.user:ACTIVE");

        // every poll handled again, in order (the offsets of all three lost), then a relay's late duplicates
        listener.onEvents(records(created, keptCreated));
        listener.onEvents(records(closed, inactive));
        listener.onEvents(records(deleted, active));
        listener.onEvents(records(created, inactive));
        listener.onEvents(records(created));

        assertThat(accounts(ws)).containsExactly("kept.user:ACTIVE");
        assertThat(jdbc.sql("SELECT count(*) FROM importer.known_account_gone WHERE workspace_id = ?").param(ws)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(known.licencesUsed(ws)).isEqualTo(1);
    }

    /**
     * The licences a workspace's USER accounts hold (every one but the CLOSED) are kept with the projection, not
     * counted: a creation adds one, closing takes it back and reopening gives it again, a deletion of an open account
     * frees it; a contact holds none; and nothing delivered again counts twice.
     */
    @Test
    void theLicencesUsedFollowCreationsClosuresAndDeletionsWhateverIsDeliveredAgain() {
        String ws = ImporterFixtures.newWorkspace();
        String ada = UUID.randomUUID().toString();
        String alan = UUID.randomUUID().toString();
        String grace = UUID.randomUUID().toString();
        Envelope<Payload> adaCreated = event(ws, created(ada, "ada.l", "ada.l@example.com"));
        Envelope<Payload> alanCreated = event(ws, created(alan, "alan.t", "alan.t@example.com"));
        Envelope<Payload> graceCreated = event(ws, created(grace, "grace.h", "grace.h@example.com"));
        Envelope<Payload> joanCreated = event(ws, created(UUID.randomUUID().toString(), "joan.c",
                "joan.c@example.com"));
        Envelope<Payload> contact = event(ws, new AccountCreated(UUID.randomUUID().toString(), AccountType.CONTACT,
                null, "partner@example.com", "Pat", "Partner", AccountStatus.ACTIVE, MailLanguage.EN, false, null,
                null, ExpirationMode.DEFAULT, false, false, Permission.READ_ONLY, List.of()));
        Envelope<Payload> alanClosed = event(ws, new AccountStatusChanged(alan, AccountStatus.ACTIVE,
                AccountStatus.CLOSED, null));
        Envelope<Payload> alanReopened = event(ws, new AccountStatusChanged(alan, AccountStatus.CLOSED,
                AccountStatus.ACTIVE, null));
        Envelope<Payload> graceInactive = event(ws, new AccountStatusChanged(grace, AccountStatus.ACTIVE,
                AccountStatus.INACTIVE, null));
        Envelope<Payload> adaDeleted = event(ws, new AccountDeleted(ada, "p-" + ada));

        listener.onEvents(records(adaCreated, alanCreated, adaCreated, contact));
        assertThat(known.licencesUsed(ws)).isEqualTo(2);
        listener.onEvents(records(graceCreated, alanClosed, graceInactive));
        assertThat(known.licencesUsed(ws)).isEqualTo(2);
        listener.onEvents(records(adaDeleted, alanReopened));
        assertThat(known.licencesUsed(ws)).isEqualTo(2);
        // Ada's creation delivered again in a poll that creates Joan: Joan takes a licence, Ada stays deleted
        listener.onEvents(records(adaCreated, joanCreated));
        assertThat(known.licencesUsed(ws)).isEqualTo(3);

        // every poll handled again, then a relay's late duplicates: nothing changes
        listener.onEvents(records(adaCreated, alanCreated, adaCreated, contact));
        listener.onEvents(records(graceCreated, alanClosed, graceInactive));
        listener.onEvents(records(adaDeleted, alanReopened));
        listener.onEvents(records(adaCreated, joanCreated));
        listener.onEvents(records(adaCreated, alanClosed, graceCreated));
        assertThat(known.licencesUsed(ws)).isEqualTo(3);
        assertThat(jdbc.sql("SELECT login FROM importer.known_account WHERE workspace_id = ? AND type = 'USER'"
                + " ORDER BY login").param(ws).query(String.class).list())
                .containsExactly("alan.t", "grace.h", "joan.c");
        assertThat(known.licencesUsed(ws)).isEqualTo(jdbc.sql("SELECT count(*) FROM importer.known_account"
                + " WHERE workspace_id = ? AND type = 'USER' AND status <> 'CLOSED'").param(ws).query(Long.class)
                .single());
        assertThat(known.licencesUsed(ImporterFixtures.newWorkspace())).isZero();
    }

    /**
     * Two polls of one workspace, on two partitions, answering its two jobs in crossed orders (a creation for one
     * job, then a refusal for the other): each is held until the other is done or waits on a lock. The second poll
     * waits for the first's commit at its first statement, where it would otherwise lock the other job first and
     * end in a deadlock; both commit, with exact counts.
     */
    @Test
    void twoPollsAnsweringTwoJobsOfOneWorkspaceInCrossedOrdersBothCommit() throws Exception {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        String a = importing(ws, key, "first");
        String b = importing(ws, key, "second");
        List<String> aRequests = requests(a);
        List<String> bRequests = requests(b);
        long usedBefore = known.licencesUsed(ws);

        CountDownLatch firstPolled = new CountDownLatch(1);
        CountDownLatch secondPolled = new CountDownLatch(1);
        CountDownLatch firstDone = new CountDownLatch(1);
        ExecutorService partitions = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = partitions.submit(() -> transactions.executeWithoutResult(status -> {
                listener.onEvents(records(answer(ws, aRequests.get(0), "first.a")));
                firstPolled.countDown();
                awaitDoneOrWaiting(secondPolled);
                listener.onEvents(records(refusal(ws, bRequests.get(1), "second.b")));
                firstDone.countDown();
            }));
            Future<?> second = partitions.submit(() -> {
                awaitDoneOrWaiting(firstPolled);
                transactions.executeWithoutResult(status -> {
                    listener.onEvents(records(answer(ws, bRequests.get(0), "second.a")));
                    secondPolled.countDown();
                    awaitDoneOrWaiting(firstDone);
                    listener.onEvents(records(refusal(ws, aRequests.get(1), "first.b")));
                });
            });
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            partitions.shutdownNow();
        }

        for (String job : List.of(a, b)) {
            assertThat(jdbc.sql("SELECT accounts_created || '/' || rows_failed FROM importer.import_job"
                    + " WHERE id = ?::uuid").param(job).query(String.class).single()).isEqualTo("1/1");
            assertThat(fixtures.rowOutcomes(job)).containsExactly("CREATED", "REJECTED");
            awaitPhase(ws, key, job, "COMPLETED");
        }
        assertThat(known.licencesUsed(ws)).isEqualTo(usedBefore + 2);
    }

    /**
     * A refusal under the request id of a row a creation answered (a conflicting replay under that id) leaves the row
     * created and counts no failure, whether the account is still there or deleted since: the row is not rewritten,
     * the account's projection row — or, once deleted, its mark — keeps the request id it answered.
     */
    @Test
    void aRefusalBehindARowsCreationChangesNothingEvenOnceTheAccountIsDeleted() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        String job = importing(ws, key, "kept");
        List<String> requests = requests(job);
        String deletedId = UUID.randomUUID().toString();
        Envelope<Payload> stays = answer(ws, requests.get(0), "kept.a");
        Envelope<Payload> goes = new Envelope<>(UUID.randomUUID(), "account.created.v1", Instant.now(), ws,
                requests.get(1), Actor.system("invite-service"), created(deletedId, "kept.b", "kept.b@example.com"));

        listener.onEvents(records(stays, goes));
        listener.onEvents(records(event(ws, new AccountDeleted(deletedId, "p-" + deletedId))));
        listener.onEvents(records(refusal(ws, requests.get(0), "kept.a"), refusal(ws, requests.get(1), "kept.b")));

        assertThat(jdbc.sql("SELECT accounts_created || '/' || rows_failed FROM importer.import_job"
                + " WHERE id = ?::uuid").param(job).query(String.class).single()).isEqualTo("2/0");
        assertThat(fixtures.rowOutcomes(job)).containsExactly("CREATED", "CREATED");
        assertThat(jdbc.sql("SELECT count(*) FROM importer.import_error WHERE job_id = ?::uuid").param(job)
                .query(Long.class).single()).isZero();
        assertThat(accounts(ws)).containsExactly("kept.a:ACTIVE");
        awaitPhase(ws, key, job, "COMPLETED");
    }

    /** An import of two users, once its commands are sent (nothing answers them here). */
    private String importing(String ws, String key, String prefix) {
        String id = ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS&mode=IMPORT", "users.csv",
                csv(USERS_HEADER, "Last,First," + prefix + ".a@example.com,ACTIVE," + prefix + ".a,en,,,,,NO",
                        "Last,First," + prefix + ".b@example.com,ACTIVE," + prefix + ".b,en,,,,,NO"))
                .body()).get("id").asString();
        awaitPhase(ws, key, id, "AWAITING_OUTCOMES");
        return id;
    }

    private List<String> requests(String job) {
        return jdbc.sql("SELECT request_id::text FROM importer.import_row WHERE job_id = ?::uuid ORDER BY row_no")
                .param(job).query(String.class).list();
    }

    /** Until the other partition's step is done, or a session waits on a lock (the other one, held up). */
    private void awaitDoneOrWaiting(CountDownLatch otherStep) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                otherStep.getCount() == 0 || jdbc.sql("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'")
                        .query(Long.class).single() > 0);
    }

    private static Envelope<Payload> answer(String ws, String requestId, String login) {
        return new Envelope<>(UUID.randomUUID(), "account.created.v1", Instant.now(), ws, requestId,
                Actor.system("invite-service"), created(UUID.randomUUID().toString(), login, login + "@example.com"));
    }

    private static Envelope<Payload> refusal(String ws, String requestId, String login) {
        AccountRequestRejected rejected = new AccountRequestRejected("account.create-user.v1", login,
                List.of(new FieldProblem("login", "login_taken", "the login is taken")));
        return new Envelope<>(UUID.randomUUID(), MessageType.of(rejected).typeName(), Instant.now(), ws, requestId,
                Actor.system("invite-service"), rejected);
    }

    private List<String> accounts(String ws) {
        return jdbc.sql("SELECT login || ':' || status FROM importer.known_account WHERE workspace_id = ?"
                + " ORDER BY login").param(ws).query(String.class).list();
    }

    /** invite-service's answer to an import's command: the account created under the command's request id. */
    private static Envelope<Payload> answer(String ws, Envelope<Payload> command, String login) {
        return new Envelope<>(UUID.randomUUID(), "account.created.v1", Instant.now(), ws, command.requestId(),
                Actor.system("invite-service"), created(UUID.randomUUID().toString(), login, login + "@example.com"));
    }

    private static Envelope<Payload> event(String ws, Payload payload) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(), Instant.now(), ws,
                "req-" + UUID.randomUUID(), Actor.system("invite-service"), payload);
    }

    /** A poll as the container hands it over. */
    @SafeVarargs
    /** The events as the listener's consumer hands them over: encoded, then read as it reads them (lean creations). */
    private static List<ConsumerRecord<String, Envelope<Payload>>> records(Envelope<Payload>... events) {
        List<ConsumerRecord<String, Envelope<Payload>>> records = new ArrayList<>();
        for (Envelope<Payload> event : events) {
            Envelope<Payload> read = READ.deserialize(Topics.ACCOUNT_EVENTS, ImporterFixtures.CODEC.write(event));
            records.add(new ConsumerRecord<>(Topics.ACCOUNT_EVENTS, 0, OFFSETS.incrementAndGet(), event.key(), read));
        }
        return records;
    }

    private static AccountCreated created(String id, String login, String email) {
        return new AccountCreated(id, AccountType.USER, login, email, "Ada", "Lovelace", AccountStatus.ACTIVE,
                MailLanguage.EN, false, null, null, ExpirationMode.DEFAULT, false, false, Permission.READ_ONLY,
                List.of());
    }
}
