package io.roster.scheduler.transition;

import io.roster.contracts.account.AccountCommand;
import io.roster.contracts.account.CloseAccount;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.WarnOfSuspension;
import io.roster.contracts.invitation.ExpireInvitation;
import java.time.Instant;

/** What a due transition asks invite-service to do when it falls; each kind is at most once pending per subject. */
public enum TransitionKind {

    /** The account's SUSPENSION_DATE: ACTIVE → INACTIVE ({@code account.suspend.v1}). */
    SUSPENSION_DATE(Subject.ACCOUNT) {
        @Override
        AccountCommand command(String subjectId, Instant targetAt) {
            return new SuspendAccount(subjectId, "suspension date reached");
        }
    },

    /** An invitation not accepted by its expiry: PENDING → EXPIRED ({@code invitation.expire.v1}). */
    INVITATION_EXPIRY(Subject.INVITATION) {
        @Override
        AccountCommand command(String subjectId, Instant targetAt) {
            return new ExpireInvitation(subjectId);
        }
    },

    /** The workspace's suspendAfterDays without a sign-in: ACTIVE → INACTIVE ({@code account.suspend.v1}). */
    AUTO_SUSPEND(Subject.ACCOUNT) {
        @Override
        AccountCommand command(String subjectId, Instant targetAt) {
            return new SuspendAccount(subjectId, "automatic suspension: no sign-in within the workspace's limit");
        }
    },

    /**
     * warnDaysBefore an AUTO_SUSPEND (its instant is the row's {@code target_at}): the owner is mailed
     * ({@code account.warn-suspension.v1}).
     */
    SUSPENSION_WARNING(Subject.ACCOUNT) {
        @Override
        AccountCommand command(String subjectId, Instant targetAt) {
            return new WarnOfSuspension(subjectId, targetAt);
        }
    },

    /** The workspace's expireAfterDays after a suspension: INACTIVE → CLOSED ({@code account.close.v1}). */
    AUTO_EXPIRE(Subject.ACCOUNT) {
        @Override
        AccountCommand command(String subjectId, Instant targetAt) {
            return new CloseAccount(subjectId, "automatic expiry: suspended beyond the workspace's limit");
        }
    };

    /** What a transition of the kind is about. */
    enum Subject { ACCOUNT, INVITATION }

    final Subject subject;

    TransitionKind(Subject subject) {
        this.subject = subject;
    }

    /**
     * The command that carries the transition out; invite-service decides, by its state machine, if it applies.
     *
     * @param targetAt the instant the transition is about, when another than its due instant (a warning's suspension)
     */
    abstract AccountCommand command(String subjectId, Instant targetAt);
}
