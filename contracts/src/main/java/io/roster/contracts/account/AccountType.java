package io.roster.contracts.account;

/** USER consumes a licence and may be an admin; CONTACT belongs to an owner USER and consumes none. */
public enum AccountType { USER, CONTACT }
