package io.roster.invite.account;

import io.roster.contracts.account.SuspendAccount;
import io.roster.invite.session.SessionRepository;
import org.springframework.stereotype.Component;

/** {@code account.suspend.v1 (disable)}. */
@Component
class SuspendAccountHandler extends TransitionHandler<SuspendAccount> {

    SuspendAccountHandler(AccountRepository accounts, SessionRepository sessions) {
        super(accounts, sessions, AccountLifecycle.Transition.SUSPEND);
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
}
