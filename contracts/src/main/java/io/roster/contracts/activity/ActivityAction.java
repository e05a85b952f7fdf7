package io.roster.contracts.activity;

/**
 * What an {@code activity.recorded.v1} event says happened. The SECOND_FACTOR_* values: a second-factor code
 * (TOTP, SMS) accepted or refused at sign-in, and an admin's reset of a user's TOTP enrollment.
 */
public enum ActivityAction {
    SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, LOCKED_OUT, SESSION_EXPIRED, LOG_EXPORTED, SECOND_FACTOR_PASSED,
    SECOND_FACTOR_FAILED, SECOND_FACTOR_RESET
}
