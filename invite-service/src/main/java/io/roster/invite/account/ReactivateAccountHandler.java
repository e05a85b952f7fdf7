package io.roster.invite.account;

import io.roster.contracts.account.ReactivateAccount;
import org.springframework.stereotype.Component;

/** {@code account.reactivate.v1}. */
@Component
class ReactivateAccountHandler extends TransitionHandler<ReactivateAccount> {

    ReactivateAccountHandler(AccountTransitions transitions) {
        super(transitions, AccountLifecycle.Transition.REACTIVATE);
    }

    @Override
    public Class<ReactivateAccount> payloadType() {
        return ReactivateAccount.class;
    }

    @Override
    String accountId(ReactivateAccount payload) {
        return payload.accountId();
    }

    @Override
    String reason(ReactivateAccount payload) {
        return payload.reason();
    }
}
