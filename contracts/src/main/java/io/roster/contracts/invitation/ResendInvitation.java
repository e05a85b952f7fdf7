package io.roster.contracts.invitation;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.account.AccountCommand;

/** Command {@code invitation.resend.v1}: a new link (the old one dies) and a new mail, rate-limited; the outcome is {@code invitation.changed.v1} or a rejection. */
@JsonClassDescription("Send an invitation again: a new link (the old one dies) and a new mail, rate-limited. The "
        + "outcome is invitation.changed.v1 or account.request-rejected.v1.")
public record ResendInvitation(String invitationId) implements AccountCommand {

    @Override
    public String subject() {
        return invitationId;
    }
}
