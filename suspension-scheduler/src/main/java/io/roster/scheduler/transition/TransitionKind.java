package io.roster.scheduler.transition;

import io.roster.contracts.account.AccountCommand;
import io.roster.contracts.account.SuspendAccount;

/** What a due transition asks invite-service to do when it falls; each kind is at most once pending per subject. */
public enum TransitionKind {

    /** The account's SUSPENSION_DATE: ACTIVE → INACTIVE ({@code account.suspend.v1}). */
    SUSPENSION_DATE {
        @Override
        AccountCommand command(String subjectId) {
            return new SuspendAccount(subjectId, "suspension date reached");
        }
    };

    /** The command that carries the transition out; invite-service decides, by its state machine, if it applies. */
    abstract AccountCommand command(String subjectId);
}
