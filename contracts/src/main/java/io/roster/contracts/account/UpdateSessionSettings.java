package io.roster.contracts.account;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Command {@code account.update-session-settings.v1}: a user's own session settings, as far as the workspace's session
 * policy lets users choose them (the user's {@code PUT /api/v1/me/session-settings}).
 */
@JsonClassDescription("A user's own session settings, as far as the workspace's session policy lets users choose "
        + "them: the idle timeout (policy USERS_CHOOSE) and concurrent sessions (usersMayChangeConcurrentSessions). "
        + "Absent fields are kept. The outcome is account.updated.v1 (changedFields idleTimeoutMinutes, "
        + "concurrentSessions) or account.request-rejected.v1.")
public record UpdateSessionSettings(
        String accountId,
        @JsonPropertyDescription("minutes without activity after which the user's sessions end (1-1440)")
        Integer idleTimeoutMinutes,
        @JsonPropertyDescription("whether the user may be signed in more than once at a time")
        Boolean concurrentSessions) implements AccountCommand {

    @Override
    public String subject() {
        return accountId;
    }
}
