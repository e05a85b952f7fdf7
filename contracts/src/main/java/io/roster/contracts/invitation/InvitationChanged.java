package io.roster.contracts.invitation;

import io.roster.contracts.Payload;
import java.time.Instant;
import java.util.List;

/**
 * Event {@code invitation.changed.v1}: an invitation was sent, sent again, cancelled or accepted. Never carries
 * the activation token.
 *
 * @param accountId the account created by an accepted invitation
 */
public record InvitationChanged(String invitationId, Change change, String email, boolean admin,
        String permission, List<String> buckets, Instant expiresAt, String accountId) implements Payload {

    public enum Change { SENT, RESENT, CANCELLED, ACCEPTED }

    @Override
    public String subject() {
        return email;
    }
}
