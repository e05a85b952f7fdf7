package io.roster.invite.account;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.CloseAccount;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.WarnOfSuspension;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scheduler's command assumed of the account when it was queued. The scheduler learns of sign-ins and status
 * changes through events, so a command it queued may arrive after a sign-in or a reactivation it had not seen yet:
 * the command is then refused ({@code premise_changed}) rather than applied to an account it no longer fits. An
 * admin's command has no premise ({@link #NONE}). Checked against invite-service's own record of the account (its
 * sign-ins are its own sessions), in the statement that changes it or under its row lock.
 *
 * @param field the command's field the premise comes from, named in the refusal
 * @param status the status the account must have (null: any the state machine allows)
 * @param signedInBy the account must not have signed in after this instant (null: not checked)
 * @param statusSinceBy the account's current status must have begun at or before this instant (null: not checked)
 * @param suspensionAt {@link #checksSuspensionDate()}: the suspension date the account must still have
 */
record Premise(String field, AccountStatus status, Instant signedInBy, Instant statusSinceBy, Instant suspensionAt) {

    static final Premise NONE = new Premise(null, null, null, null, null);

    /** The facts of the account a premise is checked against. */
    record Facts(AccountStatus status, Instant lastSignInAt, Instant statusSince, Instant suspensionAt) {
    }

    /** An automatic suspension (or its warning): no sign-in, and ACTIVE, since {@code idleSince}. */
    static Premise idleSince(String field, Instant idleSince) {
        return idleSince == null ? NONE : new Premise(field, null, idleSince, idleSince, null);
    }

    static Premise of(SuspendAccount command) {
        if (command.idleSince() != null) {
            return idleSince("idleSince", command.idleSince());
        }
        if (command.suspensionDate() != null) {
            // reactivated after the date fell (and after it was set, for a date set in the past): not suspended again
            Instant from = command.scheduledFrom();
            Instant fell = from != null && from.isAfter(command.suspensionDate()) ? from : command.suspensionDate();
            return new Premise("suspensionDate", null, null, fell, command.suspensionDate());
        }
        return NONE;
    }

    static Premise of(CloseAccount command) {
        return command.suspendedSince() == null ? NONE
                : new Premise("suspendedSince", AccountStatus.INACTIVE, null, command.suspendedSince(), null);
    }

    static Premise of(WarnOfSuspension command) {
        return idleSince("idleSince", command.idleSince());
    }

    boolean isNone() {
        return field == null;
    }

    boolean checksSuspensionDate() {
        return suspensionAt != null;
    }

    /** Why the premise no longer holds for an account with these facts; empty when it holds. */
    Optional<FieldProblem> refusal(Facts account) {
        if (isNone()) {
            return Optional.empty();
        }
        if (status != null && account.status() != status) {
            return problem("the account is " + account.status() + " (since " + since(account.statusSince())
                    + "), no longer " + status + " as when this was scheduled");
        }
        if (signedInBy != null && account.lastSignInAt() != null && account.lastSignInAt().isAfter(signedInBy)) {
            return problem("the account signed in at " + account.lastSignInAt() + ", after " + signedInBy
                    + ": its automatic suspension has moved");
        }
        if (statusSinceBy != null && account.statusSince() != null && account.statusSince().isAfter(statusSinceBy)) {
            return problem("the account became " + account.status() + " at " + account.statusSince() + ", after "
                    + statusSinceBy + " that this was scheduled from");
        }
        if (checksSuspensionDate() && !Objects.equals(account.suspensionAt(), suspensionAt)) {
            return problem("the account's suspension date is now " + (account.suspensionAt() == null ? "none"
                    : account.suspensionAt()) + ", not " + suspensionAt + " that this was scheduled from");
        }
        return Optional.empty();
    }

    private Optional<FieldProblem> problem(String message) {
        return Optional.of(new FieldProblem(field, "premise_changed", message));
    }

    private static String since(Instant at) {
        return at == null ? "its creation" : at.toString();
    }
}
