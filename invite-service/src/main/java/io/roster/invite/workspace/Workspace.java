package io.roster.invite.workspace;

import io.roster.contracts.account.Application;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.contracts.account.WorkspaceRules;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/** A tenant: nothing is shared between workspaces. */
public record Workspace(String id, String name, Plan plan, int licenceCount, ZoneId timeZone,
        Set<Application> applications, Set<TwoFactorMode> tfaModes) {

    public enum Plan { TRIAL, STANDARD }

    public WorkspaceRules rules(Instant now) {
        return new WorkspaceRules(applications, timeZone, now);
    }
}
