package io.roster.invite.session;

import io.roster.contracts.workspace.IdleTimeoutPolicy;

/**
 * A workspace's session control. {@code idleTimeoutPolicy}: USERS_CHOOSE lets each user set their own idle
 * timeout (the workspace's minutes are the default), WORKSPACE_SETS imposes the workspace's minutes on all.
 * Concurrent sessions: the workspace default for all users, and whether users may change it for themselves.
 */
public record SessionPolicy(IdleTimeoutPolicy idleTimeoutPolicy, int idleTimeoutMinutes, boolean concurrentSessions,
        boolean usersMayChangeConcurrentSessions) {

    /** Whether each user may set their own idle timeout. */
    boolean usersChooseIdleTimeout() {
        return idleTimeoutPolicy == IdleTimeoutPolicy.USERS_CHOOSE;
    }

    int effectiveIdleMinutes(Integer accountMinutes) {
        return usersChooseIdleTimeout() && accountMinutes != null ? accountMinutes
                : idleTimeoutMinutes;
    }

    boolean effectiveConcurrent(Boolean accountSetting) {
        return usersMayChangeConcurrentSessions && accountSetting != null ? accountSetting : concurrentSessions;
    }
}
