package io.roster.invite.account;

import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.SuspendAccounts;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.pipeline.SetWiseCommandHandler;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code account.suspend-many.v1}, the scheduler's suspensions of several accounts in one command: each account
 * decided as an {@code account.suspend.v1} of its own would be (state machine, premise), with its own
 * {@code account.status-changed.v1} or {@code account.request-rejected.v1}; a poll's commands together in one
 * UPDATE ({@link AccountTransitions#decideMany}). The command is logged once, so a redelivery applies nothing again.
 */
@Component
class SuspendAccountsHandler implements SetWiseCommandHandler<SuspendAccounts> {

    private final AccountTransitions transitions;

    SuspendAccountsHandler(AccountTransitions transitions) {
        this.transitions = transitions;
    }

    @Override
    public Class<SuspendAccounts> payloadType() {
        return SuspendAccounts.class;
    }

    @Override
    public List<Decision> decideAll(List<Command<SuspendAccounts>> run) {
        return transitions.decideMany(run, AccountLifecycle.Transition.SUSPEND, SuspendAccountsHandler::accounts);
    }

    private static AccountTransitions.Many accounts(Command<SuspendAccounts> command) {
        List<SuspendAccounts.Suspension> listed = command.payload().accounts();
        if (listed == null || listed.isEmpty()) {
            return AccountTransitions.Many.refused(new FieldProblem("accounts", "required",
                    "lists no account to suspend"));
        }
        if (listed.size() > SuspendAccounts.ACCOUNTS_MAX) {
            return AccountTransitions.Many.refused(new FieldProblem("accounts", "too_many", "lists " + listed.size()
                    + " accounts; at most " + SuspendAccounts.ACCOUNTS_MAX + " in one command"));
        }
        List<AccountTransitions.Asked> asked = new ArrayList<>(listed.size());
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i) == null) {
                return AccountTransitions.Many.refused(new FieldProblem("accounts[" + i + "]", "required",
                        "is null, not an account"));
            }
            SuspendAccount alone = listed.get(i).alone(command.payload().reason());
            asked.add(new AccountTransitions.Asked(command, alone.accountId(), alone.reason(), Premise.of(alone)));
        }
        return AccountTransitions.Many.of(asked);
    }
}
