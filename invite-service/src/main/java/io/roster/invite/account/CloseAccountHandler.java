package io.roster.invite.account;

import io.roster.contracts.account.CloseAccount;
import org.springframework.stereotype.Component;

/** {@code account.close.v1}. */
@Component
class CloseAccountHandler extends TransitionHandler<CloseAccount> {

    CloseAccountHandler(AccountTransitions transitions) {
        super(transitions, AccountLifecycle.Transition.CLOSE);
    }

    @Override
    public Class<CloseAccount> payloadType() {
        return CloseAccount.class;
    }

    @Override
    String accountId(CloseAccount payload) {
        return payload.accountId();
    }

    @Override
    String reason(CloseAccount payload) {
        return payload.reason();
    }

    @Override
    Premise premise(CloseAccount payload) {
        return Premise.of(payload);
    }
}
