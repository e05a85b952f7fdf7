package io.roster.scheduler.invitation;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.invitation.InvitationChanged;
import io.roster.scheduler.transition.DueTransitions;
import io.roster.scheduler.transition.TransitionKind;
import org.springframework.stereotype.Component;

/**
 * Invitation expiry from invite-service's invitation events, inside the caller's transaction: sent or sent again,
 * the invitation expires at its {@code expiresAt} (a resend moves it, unless an older event arrives late: the pending
 * row keeps the newest version); accepted, cancelled or expired, nothing is pending. A late "sent" after the end
 * schedules an expiry that invite-service refuses, as the invitation is no longer PENDING.
 */
@Component
public class InvitationFeed {

    private final DueTransitions transitions;

    InvitationFeed(DueTransitions transitions) {
        this.transitions = transitions;
    }

    public static boolean concerns(Payload payload) {
        return payload instanceof InvitationChanged;
    }

    public void apply(Envelope<Payload> event) {
        InvitationChanged invitation = (InvitationChanged) event.payload();
        switch (invitation.change()) {
            case SENT, RESENT -> {
                if (invitation.expiresAt() != null) {
                    transitions.schedule(event.workspaceId(), invitation.invitationId(),
                            TransitionKind.INVITATION_EXPIRY, invitation.expiresAt(), event.occurredAt());
                }
            }
            case ACCEPTED, CANCELLED, EXPIRED -> transitions.cancel(event.workspaceId(), invitation.invitationId(),
                    TransitionKind.INVITATION_EXPIRY);
            default -> throw new IllegalArgumentException("unknown invitation change " + invitation.change());
        }
    }
}
