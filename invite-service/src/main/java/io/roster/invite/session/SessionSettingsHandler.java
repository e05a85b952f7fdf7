package io.roster.invite.session;

import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.UpdateSessionSettings;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code account.update-session-settings.v1}: a user's own idle timeout and concurrent sessions, where the workspace's
 * policy lets users choose them; absent fields are kept, and a change is announced as {@code account.updated.v1}.
 */
@Component
class SessionSettingsHandler implements CommandHandler<UpdateSessionSettings> {

    private final SessionRepository sessions;

    SessionSettingsHandler(SessionRepository sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<UpdateSessionSettings> payloadType() {
        return UpdateSessionSettings.class;
    }

    @Override
    public Decision decide(Command<UpdateSessionSettings> command) {
        UpdateSessionSettings change = command.payload();
        Optional<SessionRepository.Account> found = account(command.workspaceId(), change.accountId());
        if (found.isEmpty()) {
            return Decision.refused(new FieldProblem("accountId", "not_found",
                    "no account '" + change.accountId() + "' in this workspace"));
        }
        SessionRepository.Account account = found.get();
        SessionPolicy policy = sessions.policy(command.workspaceId());
        List<FieldProblem> problems = new ArrayList<>();
        if (change.idleTimeoutMinutes() != null && !policy.usersChooseIdleTimeout()) {
            problems.add(new FieldProblem("idleTimeoutMinutes", "not_permitted",
                    "the workspace sets the idle timeout for all users"));
        }
        if (change.concurrentSessions() != null && !policy.usersMayChangeConcurrentSessions()) {
            problems.add(new FieldProblem("concurrentSessions", "not_permitted",
                    "the workspace does not let users change concurrent sessions"));
        }
        if (change.idleTimeoutMinutes() != null
                && (change.idleTimeoutMinutes() < AccountValidator.IDLE_TIMEOUT_MIN_MINUTES
                || change.idleTimeoutMinutes() > AccountValidator.IDLE_TIMEOUT_MAX_MINUTES)) {
            problems.add(new FieldProblem("idleTimeoutMinutes", "out_of_range", "must be between "
                    + AccountValidator.IDLE_TIMEOUT_MIN_MINUTES + " and " + AccountValidator.IDLE_TIMEOUT_MAX_MINUTES
                    + " minutes"));
        }
        if (!problems.isEmpty()) {
            return Decision.refused(problems);
        }
        Integer idle = change.idleTimeoutMinutes() != null ? change.idleTimeoutMinutes()
                : account.idleTimeoutMinutes();
        Boolean concurrent = change.concurrentSessions() != null ? change.concurrentSessions()
                : account.concurrentSessions();
        List<String> changed = new ArrayList<>(2);
        if (!Objects.equals(idle, account.idleTimeoutMinutes())) {
            changed.add("idleTimeoutMinutes");
        }
        if (!Objects.equals(concurrent, account.concurrentSessions())) {
            changed.add("concurrentSessions");
        }
        sessions.saveAccountSettings(account.id(), idle, concurrent);
        // nothing changed, nothing to announce
        return Decision.accepted(account.id(), changed.isEmpty() ? null
                : new AccountUpdated(account.id().toString(), changed, AccountUpdated.NewValues.ofSessionSettings(
                        changed.contains("idleTimeoutMinutes") ? idle : null,
                        changed.contains("concurrentSessions") ? concurrent : null)));
    }

    /** The account, if it is one of this workspace's. */
    private Optional<SessionRepository.Account> account(String workspaceId, String accountId) {
        try {
            return sessions.account(UUID.fromString(accountId)).filter(a -> a.workspaceId().equals(workspaceId));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
