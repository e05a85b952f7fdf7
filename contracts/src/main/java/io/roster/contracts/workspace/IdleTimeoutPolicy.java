package io.roster.contracts.workspace;

/** Who decides a user's idle session timeout: each user (the workspace's minutes are the default) or the workspace. */
public enum IdleTimeoutPolicy { USERS_CHOOSE, WORKSPACE_SETS }
