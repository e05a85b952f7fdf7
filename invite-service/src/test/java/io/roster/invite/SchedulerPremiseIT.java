package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.CloseAccount;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.WarnOfSuspension;
import io.roster.invite.ApiClient.Response;
import io.roster.testsupport.Mailboxes;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The scheduler queues a command from what it knew (the account idle since X, its suspension date D, suspended since
 * X); a sign-in or a reactivation that reaches invite-service before the command makes it wrong. Each kind is
 * refused when its premise no longer holds — no transition, a rejection saying why, no account.status-changed.v1 —
 * and applied while it holds, against invite-service's own record of sign-ins and status changes (real Kafka,
 * PostgreSQL, GreenMail).
 */
@InviteServiceIntegrationTest
class SchedulerPremiseIT extends InviteServiceTestSupport {

    private static final String ADMIN = "Bearer rk_other.other-secret";
    private static final String PASSWORD = "correct-horse-battery";
    private static final String BASE = "/api/v1/workspaces/other/accounts";

    private record User(String id, String login) {
    }

    private User user() {
        String login = "premise." + UUID.randomUUID().toString().substring(0, 8);
        Response created = call("POST", BASE + "/users", ADMIN, """
                {"login": "%s", "email": "%s@other.example", "firstName": "Ada", "lastName": "Idle",
                 "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false}""".formatted(login, login));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        jdbc.sql("UPDATE invite.account SET password_hash = ? WHERE id = ?::uuid")
                .params(new BCryptPasswordEncoder().encode(PASSWORD), id).update();
        return new User(id, login);
    }

    /** Signs in over HTTP; the instant of its SIGN_IN event, which the scheduler takes as the last sign-in. */
    private Instant signIn(User user) {
        Response signedIn = call("POST", "/api/v1/sessions", null,
                "{\"workspaceId\": \"other\", \"login\": \"%s\", \"password\": \"%s\"}".formatted(user.login(), PASSWORD));
        assertThat(signedIn.status()).isEqualTo(201);
        ConsumerRecord<String, String> event = kafka.await(Topics.ACTIVITY, r -> r.value().contains("\"SIGN_IN\"")
                && r.value().contains(user.id()), 1, WAIT).get(0);
        return CODEC.read(event.value()).occurredAt();
    }

    /** An admin's status change over HTTP; when invite-service records that the new status began. */
    private Instant admin(User user, String action) {
        assertThat(call("POST", BASE + "/" + user.id() + "/" + action, ADMIN, null).status()).isLessThan(300);
        return jdbc.sql("SELECT status_since FROM invite.account WHERE id = ?::uuid").param(user.id())
                .query(Timestamp.class).single().toInstant();
    }

    private Payload scheduler(Payload command) {
        String requestId = "scheduler-premise-" + UUID.randomUUID();
        Envelope<Payload> envelope = new Envelope<>(UUID.randomUUID(), MessageType.of(command).typeName(),
                Instant.now(), "other", requestId, new Actor(Actor.Kind.SCHEDULER, "suspension-scheduler", null),
                command);
        kafka.send(Topics.ACCOUNT_REQUESTS, envelope.key(), CODEC.writeString(envelope));
        Payload answer = eventsAnswering(requestId, 1).get(0).payload();
        // one answer only: a refusal is never also a status change
        assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, r -> r.value().contains(requestId), Duration.ofMillis(300)))
                .hasSize(1);
        return answer;
    }

    private static void refusedBecause(Payload answer, String field, String messagePart) {
        assertThat(answer).isInstanceOfSatisfying(AccountRequestRejected.class, r -> assertThat(r.problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo(field);
                    assertThat(p.code()).isEqualTo("premise_changed");
                    assertThat(p.message()).contains(messagePart);
                }));
    }

    private String status(User user) {
        return call("GET", BASE + "/" + user.id(), ADMIN, null).body().get("status").asString();
    }

    @Test
    void anAutomaticSuspensionQueuedBeforeASignInIsRefusedAndOneFromTheLatestSignInApplies() {
        User user = user();
        Instant signedIn = signIn(user);
        String reason = "automatic suspension: no sign-in within the workspace's limit";

        refusedBecause(scheduler(SuspendAccount.idleSince(user.id(), reason, signedIn.minus(Duration.ofDays(90)))),
                "idleSince", "signed in at");
        assertThat(status(user)).isEqualTo("ACTIVE");

        // the scheduler's idle-since is that very sign-in: the premise holds
        assertThat(scheduler(SuspendAccount.idleSince(user.id(), reason, signedIn)))
                .isEqualTo(new AccountStatusChanged(user.id(), AccountStatus.ACTIVE, AccountStatus.INACTIVE, reason));
        assertThat(status(user)).isEqualTo("INACTIVE");
    }

    @Test
    void anAutomaticSuspensionQueuedBeforeAReactivationIsRefused() {
        User user = user();
        Instant created = Instant.now().minus(Duration.ofMinutes(1));
        admin(user, "disable");
        Instant reactivated = admin(user, "reactivate");
        // the instant the scheduler learns, as the reactivation event's occurredAt
        assertThat(CODEC.read(kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains("account.status-changed.v1")
                && r.value().contains(user.id()) && r.value().contains("\"to\":\"ACTIVE\""), 1, WAIT).get(0).value())
                .occurredAt()).isEqualTo(reactivated);
        refusedBecause(scheduler(SuspendAccount.idleSince(user.id(), "idle", created)), "idleSince",
                "became ACTIVE at");
        assertThat(scheduler(SuspendAccount.idleSince(user.id(), "idle", reactivated)))
                .isInstanceOf(AccountStatusChanged.class);
    }

    @Test
    void aSuspensionDateChangedOrFallenBeforeAReactivationIsNotApplied() {
        User user = user();
        Instant date = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        Instant setAt = date.minus(Duration.ofDays(3));
        jdbc.sql("UPDATE invite.account SET suspension_at = ? WHERE id = ?::uuid")
                .params(Timestamp.from(date), user.id()).update();
        String reason = "suspension date reached";

        // queued from the date before it was changed
        refusedBecause(scheduler(SuspendAccount.atSuspensionDate(user.id(), reason, date.plus(Duration.ofDays(1)),
                setAt)), "suspensionDate", "suspension date is now " + date);
        assertThat(status(user)).isEqualTo("ACTIVE");

        // the date fell, the account was suspended and reactivated after it: the old date does not suspend it again
        admin(user, "disable");
        admin(user, "reactivate");
        refusedBecause(scheduler(SuspendAccount.atSuspensionDate(user.id(), reason, date, setAt)), "suspensionDate",
                "became ACTIVE at");
        assertThat(status(user)).isEqualTo("ACTIVE");

        // a date set in the past after the reactivation applies at once
        assertThat(scheduler(SuspendAccount.atSuspensionDate(user.id(), reason, date, Instant.now())))
                .isInstanceOf(AccountStatusChanged.class);
        assertThat(status(user)).isEqualTo("INACTIVE");
    }

    @Test
    void anAutomaticExpiryAppliesOnlyToTheSuspensionItWasScheduledFrom() {
        User user = user();
        Instant firstSuspension = admin(user, "disable");
        admin(user, "reactivate");
        String reason = "automatic expiry: suspended beyond the workspace's limit";

        // reactivated since: closing would close an ACTIVE account the state machine would let through
        refusedBecause(scheduler(new CloseAccount(user.id(), reason, firstSuspension)), "suspendedSince",
                "the account is ACTIVE");
        assertThat(status(user)).isEqualTo("ACTIVE");

        // suspended again since: the new suspension has its own period
        Instant secondSuspension = admin(user, "disable");
        refusedBecause(scheduler(new CloseAccount(user.id(), reason, firstSuspension)), "suspendedSince",
                "became INACTIVE at");
        assertThat(status(user)).isEqualTo("INACTIVE");

        assertThat(scheduler(new CloseAccount(user.id(), reason, secondSuspension)))
                .isEqualTo(new AccountStatusChanged(user.id(), AccountStatus.INACTIVE, AccountStatus.CLOSED, reason));
        assertThat(status(user)).isEqualTo("CLOSED");
    }

    @Test
    void aWarningQueuedBeforeASignInMailsNothing() {
        User user = user();
        Instant signedIn = signIn(user);
        Instant suspendAt = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        refusedBecause(scheduler(new WarnOfSuspension(user.id(), suspendAt, signedIn.minus(Duration.ofDays(83)))),
                "idleSince", "signed in at");
        assertThat(Mailboxes.receivedBy(user.login() + "@other.example")).isEmpty();
    }
}
