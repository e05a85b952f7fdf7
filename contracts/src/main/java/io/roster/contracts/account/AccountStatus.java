package io.roster.contracts.account;

/** ACTIVE = open; INACTIVE = suspended/disabled (sign-in refused); CLOSED = cancelled. Contacts are never INACTIVE. */
public enum AccountStatus { ACTIVE, INACTIVE, CLOSED }
