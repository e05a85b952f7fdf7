package io.roster.contracts.workspace;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.AllowedValues;
import io.roster.contracts.account.AccountCommand;

/**
 * Command {@code workspace.update-settings.v1}: the workspace's session control. Absent fields keep their value.
 *
 * @param idleTimeoutPolicy USERS_CHOOSE or WORKSPACE_SETS
 * @param idleTimeoutMinutes 1-1440: the timeout imposed, or the users' default
 * @param concurrentSessions whether one login may be signed in more than once (the workspace default)
 * @param usersMayChangeConcurrentSessions whether users may change concurrentSessions for themselves
 * @param automaticSuspension the automatic suspension and expiry, replaced as a whole (its absent numbers are 0: off)
 */
@JsonClassDescription("Change the workspace's session control: who sets the idle timeout (USERS_CHOOSE or "
        + "WORKSPACE_SETS), its minutes (1-1440; the users' default under USERS_CHOOSE), whether concurrent sessions "
        + "are allowed and whether users may change that themselves; and the automatic suspension and expiry of accounts "
        + "(replaced as a whole when given). Absent fields keep their value. The outcome is "
        + "workspace.settings-changed.v1 or account.request-rejected.v1.")
public record UpdateWorkspaceSettings(
        @AllowedValues(IdleTimeoutPolicy.class) String idleTimeoutPolicy,
        Integer idleTimeoutMinutes,
        Boolean concurrentSessions,
        Boolean usersMayChangeConcurrentSessions,
        AutomaticSuspension automaticSuspension) implements AccountCommand {

    /** The session control alone; the automatic suspension is kept as it is. */
    public UpdateWorkspaceSettings(String idleTimeoutPolicy, Integer idleTimeoutMinutes, Boolean concurrentSessions,
            Boolean usersMayChangeConcurrentSessions) {
        this(idleTimeoutPolicy, idleTimeoutMinutes, concurrentSessions, usersMayChangeConcurrentSessions, null);
    }

    /** The Kafka key is {@code workspaceId/settings}: one workspace's setting changes stay in order. */
    public static final String SUBJECT = "settings";

    @Override
    public String subject() {
        return SUBJECT;
    }
}
