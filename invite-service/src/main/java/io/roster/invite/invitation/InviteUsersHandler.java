package io.roster.invite.invitation;

import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.InviteUsers;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.pipeline.Reply;
import io.roster.invite.pipeline.RequestLog;
import io.roster.invite.pipeline.WorkspaceAccess;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code account.invite-users.v1}: the invitations, their events, mails and the request's log entry are written in
 * one statement; the licences they promise are counted on the workspace row at commit over HTTP, before the commit on
 * Kafka (whose refusal is published). Refused once written, the pipeline undoes them.
 */
@Component
class InviteUsersHandler implements CommandHandler<InviteUsers> {

    private final InvitationService invitations;
    private final RequestLog log;

    InviteUsersHandler(InvitationService invitations, RequestLog log) {
        this.invitations = invitations;
        this.log = log;
    }

    @Override
    public Class<InviteUsers> payloadType() {
        return InviteUsers.class;
    }

    @Override
    public WorkspaceAccess workspaceAccess() {
        return WorkspaceAccess.COUNTED_LATE;
    }

    @Override
    public Decision decide(Command<InviteUsers> command) {
        InvitationService.Result result = invitations.invite(command.envelope(), command.payload(),
                command.workspace(), log.insertOf(command.accepted(null)),
                command.reply() == Reply.AS_EVENTS ? InvitationService.LicenceCount.BEFORE_COMMIT
                        : InvitationService.LicenceCount.AT_COMMIT);
        return result.problems().isEmpty() ? Decision.acceptedAndLogged(null, result.invitations())
                : Decision.refused(result.problems());
    }

    /** A concurrent request took the last licences meanwhile, and the commit failed: nothing of this one stays. */
    @Override
    public Optional<List<FieldProblem>> refusalAtCommit(RuntimeException failure) {
        return InvitationService.lostTheLicences(failure)
                ? Optional.of(List.of(InvitationService.licencesTakenMeanwhile())) : Optional.empty();
    }
}
