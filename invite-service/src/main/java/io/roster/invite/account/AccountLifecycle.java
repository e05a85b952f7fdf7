package io.roster.invite.account;

import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account state machine. USER: ACTIVE ⇄ INACTIVE (disable/suspend, reactivate), ACTIVE|INACTIVE → CLOSED;
 * CONTACT: ACTIVE → CLOSED. Permanent deletion only of an account that is not ACTIVE. CLOSED is final.
 */
final class AccountLifecycle {

    enum Transition {
        SUSPEND(AccountStatus.INACTIVE), REACTIVATE(AccountStatus.ACTIVE), CLOSE(AccountStatus.CLOSED);

        final AccountStatus target;

        Transition(AccountStatus target) {
            this.target = target;
        }
    }

    private AccountLifecycle() {
    }

    /** Why the transition is illegal, or empty when it is allowed. */
    static Optional<String> refusal(AccountType type, AccountStatus from, Transition transition) {
        if (from == AccountStatus.CLOSED) {
            return Optional.of("the account is CLOSED, which is final");
        }
        switch (transition) {
            case SUSPEND:
                if (type == AccountType.CONTACT) {
                    return Optional.of("a contact cannot be disabled, only closed");
                }
                return from == AccountStatus.INACTIVE ? Optional.of("the account is already INACTIVE")
                        : Optional.empty();
            case REACTIVATE:
                return from == AccountStatus.ACTIVE ? Optional.of("the account is already ACTIVE") : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** The (type, status) pairs {@code transition} is allowed from: what {@link #refusal} lets through. */
    static List<Map.Entry<AccountType, AccountStatus>> allowedFrom(Transition transition) {
        List<Map.Entry<AccountType, AccountStatus>> allowed = new ArrayList<>();
        for (AccountType type : AccountType.values()) {
            for (AccountStatus status : AccountStatus.values()) {
                if (refusal(type, status, transition).isEmpty()) {
                    allowed.add(Map.entry(type, status));
                }
            }
        }
        return allowed;
    }

    static Optional<String> deletionRefusal(AccountStatus status) {
        return status == AccountStatus.ACTIVE
                ? Optional.of("only a disabled (INACTIVE) or CLOSED account can be deleted; disable it first")
                : Optional.empty();
    }
}
