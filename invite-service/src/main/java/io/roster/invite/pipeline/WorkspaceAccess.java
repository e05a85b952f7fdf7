package io.roster.invite.pipeline;

/** How a command needs its workspace row while it is decided. */
public enum WorkspaceAccess {
    /** Locked from before the handler runs to the commit: the command's checks and writes cannot interleave. */
    LOCKED,
    /**
     * Read only: the handler takes the row's lock itself, as late as it can, for its licence arithmetic (account
     * creations and invitations, which a workspace receives by the hundred a second). Such a handler may refuse a
     * command after writing: the pipeline then undoes those writes.
     */
    COUNTED_LATE
}
