package io.roster.contracts.invitation;

import io.roster.contracts.account.AccountCommand;

/** Command {@code invitation.resend.v1}: a new link (the old one dies) and a new mail, rate-limited; the outcome is {@code invitation.changed.v1} or a rejection. */
public record ResendInvitation(String invitationId) implements AccountCommand {

    @Override
    public String subject() {
        return invitationId;
    }
}
