package io.roster.invite.invitation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An invitation as admins see it; never the token. */
public record InvitationView(UUID id, String email, InvitationStatus status, boolean admin, String permission,
        List<String> buckets, String mailLanguage, Instant expiresAt, Instant lastSentAt, int sendCount,
        UUID acceptedAccountId, Instant createdAt) {
}
