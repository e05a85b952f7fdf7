package io.roster.invite.invitation;

import io.roster.contracts.invitation.ResendInvitation;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import org.springframework.stereotype.Component;

/** {@code invitation.resend.v1}: a new link and mail, at most once per resend interval. */
@Component
class ResendInvitationHandler implements CommandHandler<ResendInvitation> {

    private final InvitationService invitations;

    ResendInvitationHandler(InvitationService invitations) {
        this.invitations = invitations;
    }

    @Override
    public Class<ResendInvitation> payloadType() {
        return ResendInvitation.class;
    }

    @Override
    public Decision decide(Command<ResendInvitation> command) {
        InvitationService.Result result = invitations.resend(command.envelope(), command.payload(),
                command.workspace());
        // the service announces the resend itself (invitation.changed.v1 RESENT, with its mail)
        return result.problems().isEmpty() ? Decision.accepted(null, null) : Decision.refused(result.problems());
    }
}
