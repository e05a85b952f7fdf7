package io.roster.importer.rows;

/** Where one row of a job stands. */
public enum RowState {
    /** Passed every check so far. */
    VALID,
    /** Refused by a rule: never applied. */
    INVALID,
    /** Its create command is in the outbox; its outcome is awaited. */
    APPLIED,
    /** invite-service created the account. */
    CREATED,
    /** invite-service refused the command (a login taken meanwhile). */
    REJECTED
}
