package io.roster.invite.invitation;

import io.roster.contracts.invitation.CancelInvitation;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import org.springframework.stereotype.Component;

/** {@code invitation.cancel.v1}: the pending invitation is closed and its link stops working. */
@Component
class CancelInvitationHandler implements CommandHandler<CancelInvitation> {

    private final InvitationService invitations;

    CancelInvitationHandler(InvitationService invitations) {
        this.invitations = invitations;
    }

    @Override
    public Class<CancelInvitation> payloadType() {
        return CancelInvitation.class;
    }

    @Override
    public Decision decide(Command<CancelInvitation> command) {
        InvitationService.Result result = invitations.cancel(command.envelope(), command.payload(),
                command.workspace());
        // the service announces the cancellation itself (invitation.changed.v1 CANCELLED)
        return result.problems().isEmpty() ? Decision.accepted(null, null) : Decision.refused(result.problems());
    }
}
