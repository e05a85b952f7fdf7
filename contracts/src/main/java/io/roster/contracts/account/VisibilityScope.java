package io.roster.contracts.account;

public enum VisibilityScope { PUBLIC, PRIVATE }
