package io.roster.importer.rows;

/** Where one row of a job stands. */
public enum RowState {
    /** Passed every check so far. */
    VALID,
    /** Refused by a rule: never applied. */
    INVALID,
    /**
     * Its create command was in the outbox; its outcome is awaited. Written by earlier versions only: a row now stays
     * VALID once its command is sent, the job's checkpoint ({@code applied_through}) saying that it was.
     */
    APPLIED,
    /**
     * invite-service created the account: set only on rows answered before V11. Since, a created row stays
     * {@link #VALID} and its account's projection row (with the request id it answered) shows the creation.
     */
    CREATED,
    /** invite-service refused the command (a login taken meanwhile). */
    REJECTED
}
