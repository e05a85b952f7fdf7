package io.roster.contracts.workspace;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.roster.contracts.Payload;
import java.util.List;

/**
 * Event {@code workspace.settings-changed.v1}: the workspace's session control and automatic suspension as they now
 * are, and which fields the command changed (empty when it set the values they had). An event from before the
 * automatic suspension existed has none: read it as {@link AutomaticSuspension#OFF}.
 */
@JsonClassDescription("The workspace's settings were set: the session control and the automatic suspension as they "
        + "now are, and the names of the fields whose value changed (empty when the command set the values they had; "
        + "automaticSuspension when any of its numbers changed). An event without automaticSuspension means all off.")
public record WorkspaceSettingsChanged(IdleTimeoutPolicy idleTimeoutPolicy, int idleTimeoutMinutes,
        boolean concurrentSessions, boolean usersMayChangeConcurrentSessions, List<String> changedFields,
        AutomaticSuspension automaticSuspension) implements Payload {

    public WorkspaceSettingsChanged {
        automaticSuspension = AutomaticSuspension.orOff(automaticSuspension);
    }

    /** The session control alone, automatic suspension off (as events from before it existed read). */
    public WorkspaceSettingsChanged(IdleTimeoutPolicy idleTimeoutPolicy, int idleTimeoutMinutes,
            boolean concurrentSessions, boolean usersMayChangeConcurrentSessions, List<String> changedFields) {
        this(idleTimeoutPolicy, idleTimeoutMinutes, concurrentSessions, usersMayChangeConcurrentSessions,
                changedFields, AutomaticSuspension.OFF);
    }

    @Override
    public String subject() {
        return UpdateWorkspaceSettings.SUBJECT;
    }
}
