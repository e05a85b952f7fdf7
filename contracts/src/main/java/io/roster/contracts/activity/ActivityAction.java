package io.roster.contracts.activity;

public enum ActivityAction { SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, LOCKED_OUT, SESSION_EXPIRED, LOG_EXPORTED }
