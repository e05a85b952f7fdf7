package io.roster.contracts.invitation;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.account.AccountCommand;

/**
 * Command {@code invitation.expire.v1}, sent by the scheduler when an invitation's expiry falls: a still PENDING
 * invitation whose expiry has passed becomes EXPIRED; the outcome is {@code invitation.changed.v1} or a rejection.
 */
@JsonClassDescription("Expire an invitation not accepted in time (sent by the scheduler at its expiry): a PENDING "
        + "invitation whose expiry has passed becomes EXPIRED and its link answers 410 Gone. The outcome is "
        + "invitation.changed.v1 (EXPIRED) or account.request-rejected.v1 (no longer PENDING, or sent again since and "
        + "not yet due).")
public record ExpireInvitation(String invitationId) implements AccountCommand {

    @Override
    public String subject() {
        return invitationId;
    }
}
