package io.roster.invite.invitation;

import io.roster.contracts.invitation.ExpireInvitation;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import org.springframework.stereotype.Component;

/** {@code invitation.expire.v1}, from the scheduler: a pending invitation past its expiry becomes EXPIRED. */
@Component
class ExpireInvitationHandler implements CommandHandler<ExpireInvitation> {

    private final InvitationService invitations;

    ExpireInvitationHandler(InvitationService invitations) {
        this.invitations = invitations;
    }

    @Override
    public Class<ExpireInvitation> payloadType() {
        return ExpireInvitation.class;
    }

    @Override
    public Decision decide(Command<ExpireInvitation> command) {
        InvitationService.Result result = invitations.expire(command.envelope(), command.payload(),
                command.workspace());
        // the service announces the expiry itself (invitation.changed.v1 EXPIRED)
        return result.problems().isEmpty() ? Decision.accepted(null, null) : Decision.refused(result.problems());
    }
}
