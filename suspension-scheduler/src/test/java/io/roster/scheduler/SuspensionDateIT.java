package io.roster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.SuspendAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SUSPENSION_DATE, rule by rule, from account events to the suspend command the sweep publishes. */
class SuspensionDateIT extends SchedulerIntegrationTest {

    private Instant t0;

    @BeforeEach
    void startTheClock() {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
    }

    @Test
    void atItsDateAnAccountIsSuspendedByACommandFromTheScheduler() {
        String ws = newWorkspace();
        String account = newAccount();
        Instant date = t0.plus(Duration.ofHours(1));
        applied(event(ws, created(account, AccountStatus.ACTIVE, date), t0));
        assertThat(dueSuspension(ws, account)).contains(date);

        // not before its time: sweeps run every 200 ms meanwhile
        commandsStay(ws, 0);

        clock.set(date);
        await().atMost(WAIT).until(() -> commands(ws).size() == 1);
        Envelope<Payload> command = commands(ws).get(0);
        assertThat(command.type()).isEqualTo("account.suspend.v1");
        // its premise: the date, and the version of the event that set it
        assertThat(command.payload()).isEqualTo(SuspendAccount.atSuspensionDate(account, "suspension date reached",
                date, t0));
        assertThat(command.actor().kind()).isEqualTo(Actor.Kind.SCHEDULER);
        assertThat(command.requestId()).isEqualTo("scheduler:suspension_date:" + account + ":" + date.toEpochMilli()
                + ":" + t0.toEpochMilli());
        assertThat(command.key()).isEqualTo(ws + "/" + account);
        assertThat(dueSuspension(ws, account)).isEmpty();

        // relayed to invite-service's topic
        assertThat(kafka.await(Topics.ACCOUNT_REQUESTS, r -> r.value().contains(command.requestId()), 1, WAIT))
                .hasSize(1);
    }

    @Test
    void aDateAlreadyPastWhenItArrivesAppliesAtOnce() {
        String ws = newWorkspace();
        String account = newAccount();
        publish(event(ws, created(account, AccountStatus.ACTIVE, t0.minus(Duration.ofMinutes(5))),
                t0.minus(Duration.ofMinutes(10))));
        await().atMost(WAIT).until(() -> commands(ws).size() == 1);
        assertThat(commands(ws).get(0).payload()).isInstanceOf(SuspendAccount.class);
    }

    @Test
    void aChangedDateMovesTheTransitionAndARemovedOneCancelsIt() {
        String ws = newWorkspace();
        String account = newAccount();
        Instant first = t0.plus(Duration.ofDays(1));
        Instant moved = t0.plus(Duration.ofDays(2));
        applied(event(ws, created(account, AccountStatus.ACTIVE, first), t0));
        applied(event(ws, suspensionDateSet(account, moved), t0.plusSeconds(1)));
        assertThat(dueSuspension(ws, account)).contains(moved);

        clock.set(first);
        commandsStay(ws, 0);

        applied(event(ws, suspensionDateSet(account, null), t0.plusSeconds(2)));
        assertThat(dueSuspension(ws, account)).isEmpty();
        clock.set(moved.plusSeconds(1));
        commandsStay(ws, 0);
    }

    @Test
    void anAccountReactivatedAfterItsDateIsNotSuspendedAgainByTheOldDate() {
        String ws = newWorkspace();
        String account = newAccount();
        Instant date = t0.plus(Duration.ofMinutes(1));
        suspendedAtItsDateThenReactivated(ws, account, date);
        assertThat(dueSuspension(ws, account)).isEmpty();

        clock.set(date.plus(Duration.ofDays(1)));
        commandsStay(ws, 1);
    }

    @Test
    void theSameDateSetAgainAfterAReactivationIsANewRequest() {
        String ws = newWorkspace();
        String account = newAccount();
        Instant date = t0.plus(Duration.ofMinutes(1));
        suspendedAtItsDateThenReactivated(ws, account, date);

        // the admin sets the very same date again: already past, it applies at once, as a request of its own
        applied(event(ws, suspensionDateSet(account, date), date.plusSeconds(40)));
        await().atMost(WAIT).until(() -> commands(ws).size() == 2);
        assertThat(commands(ws)).extracting(Envelope::requestId).doesNotHaveDuplicates();
        assertThat(commands(ws).get(1).payload()).isEqualTo(SuspendAccount.atSuspensionDate(account,
                "suspension date reached", date, date.plusSeconds(40)));
    }

    @Test
    void anOlderOrDuplicateEventChangesNothing() {
        String ws = newWorkspace();
        String account = newAccount();
        Instant dateOfV1 = t0.plus(Duration.ofDays(1));
        Instant dateOfV2 = t0.plus(Duration.ofDays(2));
        Instant dateOfV3 = t0.plus(Duration.ofDays(3));
        applied(event(ws, created(account, AccountStatus.ACTIVE, dateOfV1), t0));
        Envelope<Payload> v3 = applied(event(ws, suspensionDateSet(account, dateOfV3), t0.plusSeconds(3)));
        // v2, late: older than the schedule's version
        applied(event(ws, suspensionDateSet(account, dateOfV2), t0.plusSeconds(2)));
        assertThat(dueSuspension(ws, account)).contains(dateOfV3);

        // v4 removes the date; v3 delivered again (same event id), then published again (a new id): both too old
        applied(event(ws, suspensionDateSet(account, null), t0.plusSeconds(4)));
        publish(v3);
        applied(new Envelope<>(java.util.UUID.randomUUID(), v3.type(), v3.occurredAt(), ws, v3.requestId(),
                v3.actor(), v3.payload()));
        assertThat(dueSuspension(ws, account)).isEmpty();
        assertThat(jdbc.sql("SELECT version FROM scheduler.account_schedule WHERE workspace_id = ? AND account_id = ?")
                .params(ws, account).query((rs, n) -> rs.getTimestamp(1).toInstant()).single())
                .isEqualTo(t0.plusSeconds(4));
    }

    @Test
    void aClosedOrDeletedAccountHasNothingPendingAndALateEventDoesNotBringItBack() {
        String ws = newWorkspace();
        String closed = newAccount();
        String deleted = newAccount();
        Instant date = t0.plus(Duration.ofDays(1));
        applied(event(ws, created(closed, AccountStatus.ACTIVE, date), t0));
        applied(event(ws, created(deleted, AccountStatus.ACTIVE, date), t0));
        assertThat(dueRows(ws)).isEqualTo(2);

        applied(event(ws, new AccountStatusChanged(closed, AccountStatus.ACTIVE, AccountStatus.CLOSED, "left"),
                t0.plusSeconds(1)));
        applied(event(ws, new AccountDeleted(deleted, "pseudonym-1"), t0.plusSeconds(1)));
        assertThat(dueRows(ws)).isZero();

        // the creation of the deleted account, delivered late under another id
        applied(event(ws, created(deleted, AccountStatus.ACTIVE, date), t0));
        // a date set on the closed account: CLOSED is final
        applied(event(ws, suspensionDateSet(closed, date), t0.plusSeconds(2)));
        assertThat(dueRows(ws)).isZero();
        clock.set(date.plusSeconds(1));
        commandsStay(ws, 0);
    }

    @Test
    void eachDateOfManyAccountsFallsOnceInDueOrder() {
        String ws = newWorkspace();
        List<String> accounts = List.of(newAccount(), newAccount(), newAccount());
        for (int i = 0; i < accounts.size(); i++) {
            applied(event(ws, created(accounts.get(i), AccountStatus.ACTIVE, t0.plus(Duration.ofMinutes(3 - i))),
                    t0));
        }
        clock.set(t0.plus(Duration.ofMinutes(2)));
        await().atMost(WAIT).until(() -> commands(ws).size() == 2);
        assertThat(commands(ws).stream().map(c -> ((SuspendAccount) c.payload()).accountId()))
                .containsExactlyInAnyOrder(accounts.get(1), accounts.get(2));
        assertThat(dueSuspension(ws, accounts.get(0))).isEqualTo(Optional.of(t0.plus(Duration.ofMinutes(3))));
        clock.set(t0.plus(Duration.ofMinutes(3)));
        await().atMost(WAIT).until(() -> commands(ws).size() == 3);
        commandsStay(ws, 3);
    }

    /**
     * The account created with its suspension date, suspended by the scheduler's command at that date (as
     * invite-service answers it), then reactivated by an admin 30 s later.
     */
    private void suspendedAtItsDateThenReactivated(String ws, String account, Instant date) {
        applied(event(ws, created(account, AccountStatus.ACTIVE, date), t0));
        clock.set(date);
        await().atMost(WAIT).until(() -> commands(ws).size() == 1);
        applied(event(ws, new AccountStatusChanged(account, AccountStatus.ACTIVE, AccountStatus.INACTIVE,
                "suspension date reached"), date.plusMillis(50)));
        applied(event(ws, new AccountStatusChanged(account, AccountStatus.INACTIVE, AccountStatus.ACTIVE,
                "back"), date.plusSeconds(30)));
    }

    /** The workspace's commands stay {@code count} while the sweep runs every 200 ms: nothing more falls due. */
    private static void commandsStay(String ws, int count) {
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> commands(ws).size() == count);
    }
}
