package io.roster.contracts.invitation;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.AllowedValues;
import io.roster.contracts.Payload;
import io.roster.contracts.account.Permission;
import java.time.Instant;
import java.util.List;

/**
 * Event {@code invitation.changed.v1}: an invitation was sent, sent again, cancelled, accepted or expired (not
 * accepted by its expiry). Never carries the activation token.
 *
 * @param accountId the account created by an accepted invitation
 */
@JsonClassDescription("An invitation was sent, sent again, cancelled, accepted (accountId is then the account "
        + "created) or expired (not accepted by expiresAt). Never carries the activation token.")
public record InvitationChanged(String invitationId, Change change, String email, boolean admin,
        @AllowedValues(Permission.class) String permission, List<String> buckets, Instant expiresAt,
        String accountId) implements Payload {

    public enum Change { SENT, RESENT, CANCELLED, ACCEPTED, EXPIRED }

    @Override
    public String subject() {
        return email;
    }
}
