package io.roster.contracts.account;

/** Access permission on the buckets an account is granted. */
public enum Permission { READ_ONLY, WRITE_ONLY, READ_WRITE }
