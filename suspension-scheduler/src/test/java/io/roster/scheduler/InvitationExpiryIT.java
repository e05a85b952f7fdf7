package io.roster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.invitation.ExpireInvitation;
import io.roster.contracts.invitation.InvitationChanged;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invitations not accepted in time: the scheduler learns them from invitation events and sends the expiry. */
class InvitationExpiryIT extends SchedulerIntegrationTest {

    private Instant t0;

    @BeforeEach
    void startTheClock() {
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
    }

    private static InvitationChanged invitation(String id, InvitationChanged.Change change, Instant expiresAt) {
        return new InvitationChanged(id, change, "invitee-" + id.substring(0, 8) + "@acme.example", false,
                "READ_ONLY", List.of(), expiresAt, null);
    }

    private Optional<Instant> dueExpiry(String ws, String invitationId) {
        return jdbc.sql("SELECT due_at FROM scheduler.due_transition WHERE workspace_id = ? AND subject_id = ?"
                        + " AND kind = 'INVITATION_EXPIRY'")
                .params(ws, invitationId).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    @Test
    void anInvitationNotAcceptedByItsExpiryIsExpiredByTheScheduler() {
        String ws = newWorkspace();
        String id = UUID.randomUUID().toString();
        Instant expiry = t0.plus(Duration.ofDays(7));
        applied(event(ws, invitation(id, InvitationChanged.Change.SENT, expiry), t0));
        // sent again: a new link, a later expiry
        Instant later = expiry.plus(Duration.ofDays(1));
        applied(event(ws, invitation(id, InvitationChanged.Change.RESENT, later), t0.plusSeconds(60)));
        assertThat(dueExpiry(ws, id)).contains(later);

        clock.set(expiry);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> commands(ws).isEmpty());
        clock.set(later);
        await().atMost(WAIT).until(() -> commands(ws).size() == 1);
        Envelope<Payload> command = commands(ws).get(0);
        assertThat(command.type()).isEqualTo("invitation.expire.v1");
        assertThat(command.payload()).isEqualTo(new ExpireInvitation(id));
        assertThat(command.actor().kind()).isEqualTo(Actor.Kind.SCHEDULER);
        assertThat(command.requestId()).isEqualTo("scheduler:invitation_expiry:" + id + ":" + later.toEpochMilli());
        assertThat(dueExpiry(ws, id)).isEmpty();
    }

    @Test
    void anAcceptedOrCancelledInvitationDoesNotExpire() {
        String ws = newWorkspace();
        String accepted = UUID.randomUUID().toString();
        String cancelled = UUID.randomUUID().toString();
        Instant expiry = t0.plus(Duration.ofDays(7));
        applied(event(ws, invitation(accepted, InvitationChanged.Change.SENT, expiry), t0));
        applied(event(ws, invitation(cancelled, InvitationChanged.Change.SENT, expiry), t0));
        applied(event(ws, invitation(accepted, InvitationChanged.Change.ACCEPTED, expiry), t0.plusSeconds(5)));
        applied(event(ws, invitation(cancelled, InvitationChanged.Change.CANCELLED, expiry), t0.plusSeconds(5)));
        assertThat(dueRows(ws)).isZero();
        clock.set(expiry.plusSeconds(1));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> commands(ws).isEmpty());
    }
}
