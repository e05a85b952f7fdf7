package io.roster.scheduler.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.workspace.AutomaticSuspension;
import io.roster.contracts.workspace.IdleTimeoutPolicy;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.workspace.WorkspacePlan;
import io.roster.scheduler.SchedulerIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What arrives on one topic before what it depends on from another: an account's events before its workspace's first
 * facts (time zone, automatic suspension), a sign-in before the account's creation — in sequence, and racing in
 * concurrent transactions. And "N days" counted in calendar days of the workspace's zone, alike whether an account's
 * transitions are derived alone or set-wise for its workspace.
 */
class FeedRacesIT extends SchedulerIntegrationTest {

    @Autowired
    AccountFeed accounts;

    @Autowired
    SignInFeed signIns;

    @Autowired
    AutomaticTransitions automatic;

    @Autowired
    TransactionTemplate transactions;

    private Instant t0;

    @BeforeEach
    void startTheClock() {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
    }

    private static Envelope<Payload> facts(String ws, String zone, AutomaticSuspension settings, Instant at) {
        return event(ws, new WorkspaceFacts("Race Corp", WorkspacePlan.STANDARD, 10, zone, List.of(), List.of(),
                IdleTimeoutPolicy.USERS_CHOOSE, 30, true, false, settings), at);
    }

    private void factsApplied(String ws, String zone, AutomaticSuspension settings, Instant at) {
        publish(facts(ws, zone, settings, at));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM scheduler.workspace_zone z"
                        + " JOIN scheduler.workspace_policy p USING (workspace_id)"
                        + " WHERE workspace_id = ? AND z.version >= ? AND p.version >= ?")
                .params(ws, Timestamp.from(at), Timestamp.from(at)).query(Long.class).single() == 1);
    }

    /** The workspace's pending automatic transitions: "account kind" → due instant. */
    private Map<String, Instant> automatic(String ws) {
        return jdbc.sql("SELECT subject_id, kind, due_at FROM scheduler.due_transition WHERE workspace_id = ?"
                        + " AND kind IN ('AUTO_SUSPEND', 'SUSPENSION_WARNING', 'AUTO_EXPIRE')")
                .param(ws)
                .query((rs, n) -> Map.entry(rs.getString(1) + " " + rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void accountEventsBeforeTheWorkspacesFirstFactsAreComputedWhenTheyArriveInItsZone() {
        String ws = newWorkspace();
        String account = newAccount();
        Instant created = Instant.parse("2027-03-20T09:00:00Z");
        applied(event(ws, created(account, AccountStatus.ACTIVE, null), created));
        // nothing known of the workspace: no transition computed with made-up defaults
        assertThat(automatic(ws)).isEmpty();

        // its first facts: 10 days in Paris, across the change to summer time — 10:00 CET to 10:00 CEST
        factsApplied(ws, "Europe/Paris", new AutomaticSuspension(10, 0, 0), t0);
        assertThat(automatic(ws)).isEqualTo(Map.of(account + " AUTO_SUSPEND", Instant.parse("2027-03-30T08:00:00Z")));

        // the same settings in another zone: the days are counted again there
        factsApplied(ws, "America/New_York", new AutomaticSuspension(10, 0, 0), t0.plusSeconds(1));
        // 2027-03-20 05:00 EDT (DST began in New York on 03-14) + 10 days = 2027-03-30 05:00 EDT
        assertThat(automatic(ws)).isEqualTo(Map.of(account + " AUTO_SUSPEND", Instant.parse("2027-03-30T09:00:00Z")));
    }

    @Test
    void calendarDaysAcrossDaylightSavingAreTheSameAloneAndSetWise() {
        // created at these instants, suspended one day later in Paris: a plain day, the gap, the overlap
        Map<Instant, Instant> expected = Map.of(
                Instant.parse("2027-03-27T09:00:00Z"), Instant.parse("2027-03-28T08:00:00Z"),
                Instant.parse("2027-03-27T01:30:00Z"), Instant.parse("2027-03-28T01:30:00Z"),
                Instant.parse("2027-10-30T00:30:00Z"), Instant.parse("2027-10-31T01:30:00Z"));
        AutomaticSuspension oneDay = new AutomaticSuspension(1, 0, 0);
        String alone = newWorkspace();
        factsApplied(alone, "Europe/Paris", oneDay, t0);
        String setWise = newWorkspace();
        for (Map.Entry<Instant, Instant> e : expected.entrySet()) {
            applied(event(alone, created(newAccount(), AccountStatus.ACTIVE, null), e.getKey()));
            applied(event(setWise, created(newAccount(), AccountStatus.ACTIVE, null), e.getKey()));
        }
        factsApplied(setWise, "Europe/Paris", oneDay, t0);
        assertThat(automatic(alone).values()).containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(automatic(setWise).values()).containsExactlyInAnyOrderElementsOf(expected.values());
    }

    @Test
    void theFirstFactsRacingAnAccountsEventWaitForItAndCountIt() throws Exception {
        String ws = newWorkspace();
        String account = newAccount();
        Instant created = t0.minus(Duration.ofDays(1));
        CountDownLatch applied = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // the account's creation, its transaction held open
        CompletableFuture<Void> accountEvent = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            accounts.apply(event(ws, created(account, AccountStatus.ACTIVE, null), created));
            applied.countDown();
            try {
                commit.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(applied.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // the workspace's first facts meanwhile: they wait for the account's transaction rather than miss it
        CompletableFuture<Void> firstFacts = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s ->
                automatic.settingsChanged(ws, new AutomaticSuspension(30, 0, 0), null, "Europe/Paris", t0)));
        Thread.sleep(300);
        assertThat(firstFacts).isNotDone();
        commit.countDown();
        accountEvent.get(30, TimeUnit.SECONDS);
        firstFacts.get(30, TimeUnit.SECONDS);
        assertThat(automatic(ws)).containsOnlyKeys(account + " AUTO_SUSPEND");
    }

    @Test
    void aSignInRacingTheAccountsCreationIsKept() throws Exception {
        String ws = newWorkspace();
        String account = newAccount();
        factsApplied(ws, "Europe/Paris", new AutomaticSuspension(30, 0, 0), t0);
        Instant created = t0.minus(Duration.ofDays(2));
        Instant signedIn = t0.minus(Duration.ofDays(1));
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> signIn = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            signIns.signedIn(ws, account, signedIn);
            recorded.countDown();
            try {
                commit.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(recorded.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> creation = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s ->
                accounts.apply(event(ws, created(account, AccountStatus.ACTIVE, null), created))));
        Thread.sleep(300);
        commit.countDown();
        signIn.get(30, TimeUnit.SECONDS);
        creation.get(30, TimeUnit.SECONDS);

        assertThat(jdbc.sql("SELECT last_sign_in_at FROM scheduler.account_schedule WHERE workspace_id = ?"
                + " AND account_id = ?").params(ws, account).query(Timestamp.class).single().toInstant())
                .isEqualTo(signedIn);
        assertThat(automatic(ws)).isEqualTo(Map.of(account + " AUTO_SUSPEND",
                AutomaticTransitions.plusDays(signedIn, 30, java.time.ZoneId.of("Europe/Paris"))));
    }
}
