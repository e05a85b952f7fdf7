package io.roster.invite.account;

import io.roster.contracts.account.SuspendAccount;
import org.springframework.stereotype.Component;

/** {@code account.suspend.v1 (disable)}. */
@Component
class SuspendAccountHandler extends TransitionHandler<SuspendAccount> {

    SuspendAccountHandler(AccountTransitions transitions) {
        super(transitions, AccountLifecycle.Transition.SUSPEND);
    }

    @Override
    public Class<SuspendAccount> payloadType() {
        return SuspendAccount.class;
    }

    @Override
    String accountId(SuspendAccount payload) {
        return payload.accountId();
    }

    @Override
    String reason(SuspendAccount payload) {
        return payload.reason();
    }

    @Override
    Premise premise(SuspendAccount payload) {
        return Premise.of(payload);
    }
}
