package io.roster.scheduler.transition;

import io.roster.contracts.account.AccountCommand;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.invitation.ExpireInvitation;

/** What a due transition asks invite-service to do when it falls; each kind is at most once pending per subject. */
public enum TransitionKind {

    /** The account's SUSPENSION_DATE: ACTIVE → INACTIVE ({@code account.suspend.v1}). */
    SUSPENSION_DATE(Subject.ACCOUNT) {
        @Override
        AccountCommand command(String subjectId) {
            return new SuspendAccount(subjectId, "suspension date reached");
        }
    },

    /** An invitation not accepted by its expiry: PENDING → EXPIRED ({@code invitation.expire.v1}). */
    INVITATION_EXPIRY(Subject.INVITATION) {
        @Override
        AccountCommand command(String subjectId) {
            return new ExpireInvitation(subjectId);
        }
    };

    /** What a transition of the kind is about. */
    enum Subject { ACCOUNT, INVITATION }

    final Subject subject;

    TransitionKind(Subject subject) {
        this.subject = subject;
    }

    /** The command that carries the transition out; invite-service decides, by its state machine, if it applies. */
    abstract AccountCommand command(String subjectId);
}
