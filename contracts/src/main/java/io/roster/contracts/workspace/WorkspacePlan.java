package io.roster.contracts.workspace;

/** A workspace's plan: a TRIAL invites at most a few users in all; STANDARD has only its licence count. */
public enum WorkspacePlan { TRIAL, STANDARD }
