package io.roster.invite.session;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.ResetTwoFactor;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.workspace.WorkspaceCommand;
import io.roster.messaging.Outbox;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code account.reset-two-factor.v1}, from REST and Kafka alike: a user's TOTP enrollment or security keys are
 * dropped, so their next sign-in enrolls anew. The outcome is {@code account.updated.v1}.
 */
@Component
class TwoFactorResetCommand implements WorkspaceCommand {

    private final SessionService sessions;
    private final Outbox outbox;
    private final Clock clock;

    TwoFactorResetCommand(SessionService sessions, @Qualifier("inviteOutbox") Outbox outbox,
            @Qualifier("inviteClock") Clock clock) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public boolean handles(Payload payload) {
        return payload instanceof ResetTwoFactor;
    }

    @Override
    public List<FieldProblem> apply(Envelope<? extends Payload> command, Workspace workspace) {
        ResetTwoFactor reset = (ResetTwoFactor) command.payload();
        TwoFactorMode mode = "TOTP".equals(reset.method()) ? TwoFactorMode.TOTP
                : "FIDO2".equals(reset.method()) ? TwoFactorMode.FIDO2 : null;
        if (mode == null) {
            return List.of(new FieldProblem("method", "invalid_value",
                    "TOTP or FIDO2 (was '" + reset.method() + "')"));
        }
        UUID accountId;
        try {
            accountId = UUID.fromString(String.valueOf(reset.accountId()));
        } catch (IllegalArgumentException e) {
            accountId = null;
        }
        if (accountId == null || !sessions.resetTwoFactor(workspace.id(), accountId, mode, command.actor())) {
            return List.of(new FieldProblem("accountId", "not_found",
                    "no account '" + reset.accountId() + "' in this workspace"));
        }
        AccountUpdated updated = new AccountUpdated(accountId.toString(),
                List.of(mode == TwoFactorMode.TOTP ? "totpEnrollment" : "securityKeys"));
        outbox.publish(command.answer(updated, clock.instant()));
        return List.of();
    }
}
