package io.roster.invite.invitation;

/**
 * Where an invitation stands, as stored in {@code invite.invitation.status} and shown to admins: PENDING until its
 * invitee accepts it (ACCEPTED), an admin cancels it (CANCELLED) or its expiry passes (EXPIRED, on the scheduler's
 * {@code invitation.expire.v1}).
 */
public enum InvitationStatus { PENDING, ACCEPTED, CANCELLED, EXPIRED }
