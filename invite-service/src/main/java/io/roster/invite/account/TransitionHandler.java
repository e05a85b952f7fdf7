package io.roster.invite.account;

import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.FieldProblem;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.session.SessionEnd;
import io.roster.invite.session.SessionRepository;
import java.util.Optional;
import java.util.UUID;

/**
 * A status change of {@link AccountLifecycle}: the account locked, the transition checked, the status written, the
 * licence given back on closing, open sessions ended unless the account becomes ACTIVE, and
 * {@code account.status-changed.v1} announced.
 */
abstract class TransitionHandler<P extends Payload> implements CommandHandler<P> {

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final AccountLifecycle.Transition transition;

    TransitionHandler(AccountRepository accounts, SessionRepository sessions, AccountLifecycle.Transition transition) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.transition = transition;
    }

    abstract String accountId(P payload);

    abstract String reason(P payload);

    @Override
    public Decision decide(Command<P> command) {
        String accountId = accountId(command.payload());
        Optional<Account> account = accounts.lock(command.workspaceId(), accountId);
        if (account.isEmpty()) {
            return Decision.refused(notFound(accountId));
        }
        AccountStatus from = account.get().status();
        Optional<String> refusal = AccountLifecycle.refusal(account.get().type(), from, transition);
        if (refusal.isPresent()) {
            return Decision.refused(new FieldProblem("status", "illegal_transition", refusal.get()));
        }
        UUID id = account.get().id();
        accounts.updateStatus(id, transition.target);
        if (account.get().isUser() && transition.target == AccountStatus.CLOSED) {
            accounts.adjustLicences(command.workspaceId(), -1);
        }
        if (transition.target != AccountStatus.ACTIVE) {
            sessions.endAll(id, SessionEnd.accountNow(transition.target));
        }
        return Decision.accepted(id, new AccountStatusChanged(id.toString(), from, transition.target,
                reason(command.payload())));
    }

    static FieldProblem notFound(String accountId) {
        return new FieldProblem("accountId", "not_found", "no account '" + accountId + "' in this workspace");
    }
}
