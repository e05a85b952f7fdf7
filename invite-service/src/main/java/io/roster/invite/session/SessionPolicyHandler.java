package io.roster.invite.session;

import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.workspace.AutomaticSuspension;
import io.roster.contracts.workspace.IdleTimeoutPolicy;
import io.roster.contracts.workspace.UpdateWorkspaceSettings;
import io.roster.contracts.workspace.WorkspaceSettingsChanged;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.workspace.WorkspaceFactsAnnouncer;
import io.roster.invite.workspace.WorkspaceRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code workspace.update-settings.v1}: the workspace's session policy and automatic suspension, from the admin REST
 * endpoints and Kafka alike. Absent fields keep their value; every accepted command is announced, with the fields it
 * changed, and the workspace's facts with it (the scheduler follows the automatic suspension from them).
 */
@Component
class SessionPolicyHandler implements CommandHandler<UpdateWorkspaceSettings> {

    private final SessionRepository sessions;
    private final WorkspaceFactsAnnouncer facts;
    private final WorkspaceRepository workspaces;

    SessionPolicyHandler(SessionRepository sessions, WorkspaceFactsAnnouncer facts, WorkspaceRepository workspaces) {
        this.sessions = sessions;
        this.facts = facts;
        this.workspaces = workspaces;
    }

    /** The prefix of the automatic suspension's fields in problems: they are named as the command nests them. */
    static final String AUTOMATIC_SUSPENSION = "automaticSuspension";

    @Override
    public Class<UpdateWorkspaceSettings> payloadType() {
        return UpdateWorkspaceSettings.class;
    }

    @Override
    public Decision decide(Command<UpdateWorkspaceSettings> command) {
        Workspace workspace = command.workspace();
        UpdateWorkspaceSettings change = command.payload();
        List<FieldProblem> problems = new ArrayList<>();
        if (change.idleTimeoutPolicy() == null && change.idleTimeoutMinutes() == null
                && change.concurrentSessions() == null && change.usersMayChangeConcurrentSessions() == null
                && change.automaticSuspension() == null) {
            problems.add(new FieldProblem(null, "required", "give at least one setting to change"));
        }
        Optional<IdleTimeoutPolicy> policy = Arrays.stream(IdleTimeoutPolicy.values())
                .filter(p -> p.name().equals(change.idleTimeoutPolicy())).findFirst();
        if (change.idleTimeoutPolicy() != null && policy.isEmpty()) {
            problems.add(new FieldProblem("idleTimeoutPolicy", "invalid_value",
                    "must be USERS_CHOOSE or WORKSPACE_SETS (was " + FieldProblem.quote(change.idleTimeoutPolicy())
                            + ")"));
        }
        int min = AccountValidator.IDLE_TIMEOUT_MIN_MINUTES;
        int max = AccountValidator.IDLE_TIMEOUT_MAX_MINUTES;
        if (change.idleTimeoutMinutes() != null
                && (change.idleTimeoutMinutes() < min || change.idleTimeoutMinutes() > max)) {
            problems.add(new FieldProblem("idleTimeoutMinutes", "out_of_range",
                    "must be between " + min + " and " + max + " minutes"));
        }
        if (change.automaticSuspension() != null) {
            problems.addAll(change.automaticSuspension().problems(AUTOMATIC_SUSPENSION + "."));
        }
        if (!problems.isEmpty()) {
            return Decision.refused(problems);
        }
        SessionPolicy before = sessions.policy(workspace.id());
        SessionPolicy after = new SessionPolicy(policy.orElse(before.idleTimeoutPolicy()),
                or(change.idleTimeoutMinutes(), before.idleTimeoutMinutes()),
                or(change.concurrentSessions(), before.concurrentSessions()),
                or(change.usersMayChangeConcurrentSessions(), before.usersMayChangeConcurrentSessions()));
        sessions.savePolicy(workspace.id(), after);
        AutomaticSuspension automaticBefore = workspaces.automaticSuspension(workspace.id());
        AutomaticSuspension automaticAfter = or(change.automaticSuspension(), automaticBefore);
        workspaces.saveAutomaticSuspension(workspace.id(), automaticAfter);
        facts.announce(workspace.id(), command.requestId(), command.actor());
        List<String> changed = changedFields(before, after);
        if (!automaticAfter.equals(automaticBefore)) {
            changed.add(AUTOMATIC_SUSPENSION);
        }
        return Decision.accepted(null, new WorkspaceSettingsChanged(
                after.idleTimeoutPolicy(), after.idleTimeoutMinutes(), after.concurrentSessions(), after.usersMayChangeConcurrentSessions(),
                changed, automaticAfter));
    }

    private static List<String> changedFields(SessionPolicy before, SessionPolicy after) {
        List<String> names = new ArrayList<>();
        if (before.idleTimeoutPolicy() != after.idleTimeoutPolicy()) {
            names.add("idleTimeoutPolicy");
        }
        if (before.idleTimeoutMinutes() != after.idleTimeoutMinutes()) {
            names.add("idleTimeoutMinutes");
        }
        if (before.concurrentSessions() != after.concurrentSessions()) {
            names.add("concurrentSessions");
        }
        if (before.usersMayChangeConcurrentSessions() != after.usersMayChangeConcurrentSessions()) {
            names.add("usersMayChangeConcurrentSessions");
        }
        return names;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
