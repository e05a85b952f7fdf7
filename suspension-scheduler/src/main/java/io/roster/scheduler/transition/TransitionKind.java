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
        AccountCommand command(String subjectId, Premise premise) {
            return SuspendAccount.atSuspensionDate(subjectId, "suspension date reached", premise.dueAt(),
                    premise.version());
        }
    },

    /** An invitation not accepted by its expiry: PENDING → EXPIRED ({@code invitation.expire.v1}). */
    INVITATION_EXPIRY(Subject.INVITATION) {
        @Override
        AccountCommand command(String subjectId, Premise premise) {
            return new ExpireInvitation(subjectId);
        }
    },

    /** The workspace's suspendAfterDays without a sign-in: ACTIVE → INACTIVE ({@code account.suspend.v1}). */
    AUTO_SUSPEND(Subject.ACCOUNT) {
        @Override
        AccountCommand command(String subjectId, Premise premise) {
            return new SuspendAccount(subjectId, "automatic suspension: no sign-in within the workspace's limit",
                    premise.premiseAt(), null, null);
        }
    },

    /**
     * warnDaysBefore an AUTO_SUSPEND (its instant is the row's {@code target_at}): the owner is mailed
     * ({@code account.warn-suspension.v1}).
     */
    SUSPENSION_WARNING(Subject.ACCOUNT) {
        @Override
        AccountCommand command(String subjectId, Premise premise) {
            return new WarnOfSuspension(subjectId, premise.targetAt(), premise.premiseAt());
        }
    },

    /** The workspace's expireAfterDays after a suspension: INACTIVE → CLOSED ({@code account.close.v1}). */
    AUTO_EXPIRE(Subject.ACCOUNT) {
        @Override
        AccountCommand command(String subjectId, Premise premise) {
            return new CloseAccount(subjectId, "automatic expiry: suspended beyond the workspace's limit",
                    premise.premiseAt());
        }
    };

    /** What a transition of the kind is about. */
    enum Subject { ACCOUNT, INVITATION }

    final Subject subject;

    TransitionKind(Subject subject) {
        this.subject = subject;
    }

    /**
     * What a pending transition was derived from, sent with its command so that invite-service refuses it when a
     * sign-in or a status change reached it first: a suspension date's is its date ({@code dueAt}) and the version
     * of the account event that set it; the automatic kinds', {@code premiseAt} — idle since (AUTO_SUSPEND,
     * SUSPENSION_WARNING), INACTIVE since (AUTO_EXPIRE); null for rows from before premises (no premise sent).
     *
     * @param targetAt the instant the transition is about, when another than its due instant (a warning's suspension)
     */
    record Premise(Instant dueAt, Instant version, Instant targetAt, Instant premiseAt) {
    }

    /** The command that carries the transition out; invite-service decides if it applies (state machine, premise). */
    abstract AccountCommand command(String subjectId, Premise premise);
}
