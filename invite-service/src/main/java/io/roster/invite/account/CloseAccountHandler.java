package io.roster.invite.account;

import io.roster.contracts.account.CloseAccount;
import io.roster.invite.session.SessionRepository;
import org.springframework.stereotype.Component;

/** {@code account.close.v1}. */
@Component
class CloseAccountHandler extends TransitionHandler<CloseAccount> {

    CloseAccountHandler(AccountRepository accounts, SessionRepository sessions) {
        super(accounts, sessions, AccountLifecycle.Transition.CLOSE);
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
}
