package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.invitation.ExpireInvitation;
import io.roster.contracts.invitation.InvitationChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's {@code invitation.expire.v1}: a pending invitation past its expiry becomes EXPIRED (its event, the
 * admin's list, its link gone, its licence promise given back); one not yet due, or no longer pending, is refused.
 */
@InviteServiceIntegrationTest
class InvitationExpiryIT extends InviteServiceTestSupport {

    private static final String ACME = "Bearer rk_acme.acme-secret";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private Envelope<Payload> expire(String invitationId) {
        Envelope<Payload> command = new Envelope<>(UUID.randomUUID(), MessageType.EXPIRE_INVITATION.typeName(),
                Instant.now(), "acme", "scheduler:invitation_expiry:" + invitationId + ":" + UUID.randomUUID(),
                new Actor(Actor.Kind.SCHEDULER, "suspension-scheduler", null), new ExpireInvitation(invitationId));
        kafka.send(Topics.ACCOUNT_REQUESTS, command.key(), CODEC.writeString(command));
        return command;
    }

    private Payload answer(Envelope<Payload> command) {
        return CODEC.read(kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(command.requestId()), 1, WAIT)
                .get(0).value()).payload();
    }

    private long pendingCounter() {
        return jdbc.sql("SELECT invitations_pending FROM invite.workspace WHERE id = 'acme'").query(Long.class)
                .single();
    }

    @Test
    void aPendingInvitationPastItsExpiryBecomesExpiredAndOnlyThen() {
        String email = "expiring." + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
        long pendingBefore = pendingCounter();
        String id = call("POST", "/api/v1/workspaces/acme/invitations", ACME, "{\"emails\": [\"" + email + "\"]}")
                .body().get(0).get("id").asString();

        // not yet due (a resend gave it a later expiry, say): refused, still pending
        Payload early = answer(expire(id));
        assertThat(early).isInstanceOfSatisfying(AccountRequestRejected.class, r ->
                assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("not_due")));
        assertThat(status(id)).isEqualTo("PENDING");

        jdbc.sql("UPDATE invite.invitation SET expires_at = now() - interval '1 minute' WHERE id = ?::uuid")
                .param(id).update();
        Payload expired = answer(expire(id));
        assertThat(expired).isInstanceOfSatisfying(InvitationChanged.class, c -> {
            assertThat(c.change()).isEqualTo(InvitationChanged.Change.EXPIRED);
            assertThat(c.invitationId()).isEqualTo(id);
            assertThat(c.email()).isEqualTo(email);
        });
        assertThat(status(id)).isEqualTo("EXPIRED");
        assertThat(call("GET", "/api/v1/workspaces/acme/invitations?status=EXPIRED&size=500", ACME, null).body()
                .valueStream().map(i -> i.get("id").asString())).contains(id);
        assertThat(call("GET", "/api/v1/workspaces/acme/invitations?size=500", ACME, null).body().valueStream()
                .map(i -> i.get("id").asString())).doesNotContain(id);
        assertThat(pendingCounter()).as("its licence promise given back").isEqualTo(pendingBefore);

        // no longer pending: refused, nothing changes
        Payload again = answer(expire(id));
        assertThat(again).isInstanceOfSatisfying(AccountRequestRejected.class, r ->
                assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                        .isEqualTo("the invitation is EXPIRED, not PENDING")));
    }

    private String status(String id) {
        return jdbc.sql("SELECT status FROM invite.invitation WHERE id = ?::uuid").param(id).query(String.class)
                .single();
    }
}
