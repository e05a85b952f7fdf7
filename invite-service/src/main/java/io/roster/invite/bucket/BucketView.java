package io.roster.invite.bucket;

import io.roster.contracts.Actor;
import java.time.Instant;

/**
 * A bucket of a workspace as admins see it, with how many accounts and pending invitations are granted it (a
 * bucket in use cannot be deleted).
 */
public record BucketView(String name, Instant createdAt, CreatedBy createdBy, long accounts,
        long pendingInvitations) {

    /** Who registered the bucket: an admin key, an upstream system, or the configuration ({@code SYSTEM}). */
    public record CreatedBy(Actor.Kind kind, String id) {
    }
}
