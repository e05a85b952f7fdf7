package io.roster.invite.session;

import io.roster.contracts.account.TwoFactorMode;

/** Why a second-factor challenge ended, as stored in {@code invite.sign_in_challenge.end_reason}. */
enum ChallengeEnd {
    PASSED,
    EXPIRED,
    TOO_MANY_ATTEMPTS,
    /** A new sign-in opened another challenge for the account. */
    SUPERSEDED,
    SMS_NOT_SENT,
    ACCOUNT_NOT_ACTIVE,
    LOCKED,
    TOTP_RESET,
    FIDO2_RESET;

    /** The end of an account's challenges when an admin resets its {@code mode} (TOTP or FIDO2). */
    static ChallengeEnd reset(TwoFactorMode mode) {
        return switch (mode) {
            case TOTP -> TOTP_RESET;
            case FIDO2 -> FIDO2_RESET;
            case NONE, SMS -> throw new IllegalArgumentException("nothing enrolled for " + mode);
        };
    }
}
