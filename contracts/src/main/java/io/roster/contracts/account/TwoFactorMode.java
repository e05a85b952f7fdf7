package io.roster.contracts.account;

/** TFA column of the templates. A mode the workspace has not enabled is stored but not enforced. */
public enum TwoFactorMode { TOTP, NONE, SMS, FIDO2 }
