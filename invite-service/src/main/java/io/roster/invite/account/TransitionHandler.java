package io.roster.invite.account;

import io.roster.contracts.Payload;
import io.roster.contracts.account.FieldProblem;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.pipeline.SetWiseCommandHandler;
import java.util.List;

/**
 * A status change of {@link AccountLifecycle}, decided set-wise for a run of commands ({@link AccountTransitions}):
 * the transition checked against the account as it is, the status written, the licence given back on closing, open
 * sessions ended unless the account becomes ACTIVE, and {@code account.status-changed.v1} announced.
 */
abstract class TransitionHandler<P extends Payload> implements SetWiseCommandHandler<P> {

    private final AccountTransitions transitions;
    private final AccountLifecycle.Transition transition;

    TransitionHandler(AccountTransitions transitions, AccountLifecycle.Transition transition) {
        this.transitions = transitions;
        this.transition = transition;
    }

    abstract String accountId(P payload);

    abstract String reason(P payload);

    /** What the command assumed of the account (the scheduler's); none by default (an admin's). */
    Premise premise(P payload) {
        return Premise.NONE;
    }

    @Override
    public List<Decision> decideAll(List<Command<P>> run) {
        return transitions.decideAll(run, transition, this::accountId, this::reason, this::premise);
    }

    static FieldProblem notFound(String accountId) {
        return new FieldProblem("accountId", "not_found", "no account '" + accountId + "' in this workspace");
    }
}
