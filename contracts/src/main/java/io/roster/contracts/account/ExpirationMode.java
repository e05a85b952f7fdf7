package io.roster.contracts.account;

/** DEFAULT: the workspace's automatic suspension/expiry rules apply; DISABLED: never automatically. */
public enum ExpirationMode { DEFAULT, DISABLED }
