package io.roster.invite.invitation;

/**
 * Where an invitation stands, as stored in {@code invite.invitation.status} and shown to admins: PENDING until its
 * invitee accepts it (ACCEPTED) or an admin cancels it (CANCELLED).
 */
public enum InvitationStatus { PENDING, ACCEPTED, CANCELLED }
