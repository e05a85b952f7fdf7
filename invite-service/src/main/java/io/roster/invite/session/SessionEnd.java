package io.roster.invite.session;

import io.roster.contracts.account.AccountStatus;

/** Why a session ended, as stored in {@code invite.session.end_reason}. */
public enum SessionEnd {
    SIGNED_OUT,
    IDLE_TIMEOUT,
    /** The workspace does not allow concurrent sessions: a new sign-in ends the others. */
    REPLACED_BY_NEW_SIGN_IN,
    /** Found while the account was no longer ACTIVE. */
    ACCOUNT_NOT_ACTIVE,
    /** Ended as the account was disabled. */
    ACCOUNT_INACTIVE,
    /** Ended as the account was closed. */
    ACCOUNT_CLOSED;

    /** The end of the sessions of an account that has just taken {@code status} (any but ACTIVE). */
    public static SessionEnd accountNow(AccountStatus status) {
        return switch (status) {
            case INACTIVE -> ACCOUNT_INACTIVE;
            case CLOSED -> ACCOUNT_CLOSED;
            case ACTIVE -> throw new IllegalArgumentException("an ACTIVE account's sessions go on");
        };
    }
}
