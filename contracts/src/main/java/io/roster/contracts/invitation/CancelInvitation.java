package io.roster.contracts.invitation;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.account.AccountCommand;

/** Command {@code invitation.cancel.v1}: the link then answers 410 Gone; the outcome is {@code invitation.changed.v1} or a rejection. */
@JsonClassDescription("Cancel a pending invitation: its link then answers 410 Gone. The outcome is "
        + "invitation.changed.v1 or account.request-rejected.v1.")
public record CancelInvitation(String invitationId) implements AccountCommand {

    @Override
    public String subject() {
        return invitationId;
    }
}
