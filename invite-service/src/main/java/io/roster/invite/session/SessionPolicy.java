package io.roster.invite.session;

/**
 * A workspace's session control. {@code idleTimeoutPolicy}: USERS_CHOOSE lets each user set their own idle
 * timeout (the workspace's minutes are the default), WORKSPACE_SETS imposes the workspace's minutes on all.
 * Concurrent sessions: the workspace default for all users, and whether users may change it for themselves.
 */
public record SessionPolicy(String idleTimeoutPolicy, int idleTimeoutMinutes, boolean concurrentSessions,
        boolean usersMayChangeConcurrentSessions) {

    /** Whether each user may set their own idle timeout. */
    boolean usersChooseIdleTimeout() {
        return idleTimeoutPolicy.equals("USERS_CHOOSE");
    }

    int effectiveIdleMinutes(Integer accountMinutes) {
        return idleTimeoutPolicy.equals("USERS_CHOOSE") && accountMinutes != null ? accountMinutes
                : idleTimeoutMinutes;
    }

    boolean effectiveConcurrent(Boolean accountSetting) {
        return usersMayChangeConcurrentSessions && accountSetting != null ? accountSetting : concurrentSessions;
    }
}
