package io.roster.invite.pipeline;

/**
 * Thrown by a {@link WorkspaceAccess#COUNTED_LATE} handler whose unlocked count went stale before it took what it
 * counted (concurrent requests of the workspace took licences meanwhile): the pipeline undoes its writes, locks the
 * workspace rows concerned and has it decide again, exactly this time.
 */
public class DecideAgainUnderLock extends RuntimeException {

    public DecideAgainUnderLock(String message) {
        super(message, null, false, false);
    }
}
