package io.roster.invite.session;

import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.ResetTwoFactor;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code account.reset-two-factor.v1}, from REST and Kafka alike: a user's TOTP enrollment or security keys are
 * dropped, so their next sign-in enrolls anew. The outcome is {@code account.updated.v1}.
 */
@Component
class TwoFactorResetHandler implements CommandHandler<ResetTwoFactor> {

    private final SessionService sessions;

    TwoFactorResetHandler(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<ResetTwoFactor> payloadType() {
        return ResetTwoFactor.class;
    }

    @Override
    public Decision decide(Command<ResetTwoFactor> command) {
        Workspace workspace = command.workspace();
        ResetTwoFactor reset = command.payload();
        TwoFactorMode mode = "TOTP".equals(reset.method()) ? TwoFactorMode.TOTP
                : "FIDO2".equals(reset.method()) ? TwoFactorMode.FIDO2 : null;
        if (mode == null) {
            return Decision.refused(new FieldProblem("method", "invalid_value",
                    "TOTP or FIDO2 (was " + FieldProblem.quote(reset.method()) + ")"));
        }
        UUID accountId;
        try {
            accountId = UUID.fromString(String.valueOf(reset.accountId()));
        } catch (IllegalArgumentException e) {
            accountId = null;
        }
        if (accountId == null || !sessions.resetTwoFactor(workspace.id(), accountId, mode, command.actor())) {
            return Decision.refused(new FieldProblem("accountId", "not_found",
                    "no account '" + reset.accountId() + "' in this workspace"));
        }
        return Decision.accepted(null, new AccountUpdated(accountId.toString(),
                List.of(mode == TwoFactorMode.TOTP ? "totpEnrollment" : "securityKeys")));
    }
}
