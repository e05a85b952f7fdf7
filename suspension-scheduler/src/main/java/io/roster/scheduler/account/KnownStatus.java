package io.roster.scheduler.account;

/** An account's status as the scheduler last learnt it; DELETED is kept as a tombstone against late events. */
enum KnownStatus { ACTIVE, INACTIVE, CLOSED, DELETED;

    /** No transition is pending, nor may one be scheduled, for an account in this status. */
    boolean isFinal() {
        return this == CLOSED || this == DELETED;
    }
}
