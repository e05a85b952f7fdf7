package io.roster.invite.pipeline;

/**
 * How a set-wise run of commands finds what it conflicts with: a request id handled before (the request log) or a
 * key already taken (a login, an e-mail).
 */
public enum ConflictCheck {

    /** Looked up before deciding: the request log's ids, then the handler's own probes of the keys it would take. */
    LOOKED_UP,

    /**
     * Not looked up: left to the unique keys the run's writes meet — the request log's primary key for every command
     * (each outcome is logged), the handler's unique indexes for the keys it takes. A run that meets one fails with a
     * unique violation, is undone to its savepoint and decided again {@link #LOOKED_UP}, so every outcome is what the
     * look-ups would have given; a run that meets none saved them. Only for a handler that logs every command of the
     * run and writes nothing that a taken key would refuse outside a unique index.
     */
    CAUGHT_ON_WRITE
}
