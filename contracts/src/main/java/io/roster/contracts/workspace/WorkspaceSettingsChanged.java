package io.roster.contracts.workspace;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;
import java.util.List;

/**
 * Event {@code workspace.settings-changed.v1}: the workspace's session control as it now is, and which fields the
 * command changed (empty when it set the values they had).
 */
@JsonClassDescription("The workspace's session control was set: the settings as they now are, and the names of the "
        + "fields whose value changed (empty when the command set the values they had).")
public record WorkspaceSettingsChanged(IdleTimeoutPolicy idleTimeoutPolicy, int idleTimeoutMinutes,
        boolean concurrentSessions, boolean usersMayChangeConcurrentSessions, List<String> changedFields)
        implements Payload {

    @Override
    public String subject() {
        return UpdateWorkspaceSettings.SUBJECT;
    }
}
