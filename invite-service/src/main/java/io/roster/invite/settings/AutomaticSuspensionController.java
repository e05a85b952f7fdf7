package io.roster.invite.settings;

import io.roster.contracts.workspace.AutomaticSuspension;
import io.roster.contracts.workspace.UpdateWorkspaceSettings;
import io.roster.invite.access.AdminCommands;
import io.roster.invite.workspace.WorkspaceRepository;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's automatic suspension and expiry (admins), beside its session control under {@code settings/}: the
 * {@code automaticSuspension} part of the {@code workspace.update-settings.v1} command. A PUT replaces the three
 * numbers; an absent one is 0, its rule off.
 */
@RestController
class AutomaticSuspensionController {

    private final AdminCommands commands;
    private final WorkspaceRepository workspaces;

    AutomaticSuspensionController(AdminCommands commands, WorkspaceRepository workspaces) {
        this.commands = commands;
        this.workspaces = workspaces;
    }

    @GetMapping("/api/v1/workspaces/{workspaceId}/settings/automatic-suspension")
    AutomaticSuspension settings(@PathVariable String workspaceId) {
        return workspaces.automaticSuspension(workspaceId);
    }

    /** Validated, applied and announced as the same command on Kafka would be (422 problem+json naming each field at fault when refused). */
    @PutMapping("/api/v1/workspaces/{workspaceId}/settings/automatic-suspension")
    AutomaticSuspension change(@PathVariable String workspaceId, @RequestBody AutomaticSuspension settings,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        commands.run(workspaceId, key, new UpdateWorkspaceSettings(null, null, null, null, settings), request);
        return workspaces.automaticSuspension(workspaceId);
    }
}
