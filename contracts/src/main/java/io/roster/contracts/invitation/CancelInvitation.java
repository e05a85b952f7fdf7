package io.roster.contracts.invitation;

import io.roster.contracts.account.AccountCommand;

/** Command {@code invitation.cancel.v1}: the link then answers 410 Gone; the outcome is {@code invitation.changed.v1} or a rejection. */
public record CancelInvitation(String invitationId) implements AccountCommand {

    @Override
    public String subject() {
        return invitationId;
    }
}
