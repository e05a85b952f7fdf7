package io.roster.invite.access;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.access.RevokeAccessKey;
import io.roster.contracts.account.FieldProblem;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.workspace.WorkspaceCommand;
import org.springframework.stereotype.Component;

/**
 * {@code access-key.revoke.v1}, from Kafka or from {@code DELETE …/access-keys/{keyId}}: the key stops working at
 * once here, and wherever {@code access-key.revoked.v1} arrives. A key of another workspace is not found.
 */
@Component
class RevokeAccessKeyCommand implements WorkspaceCommand {

    private final AccessKeys keys;

    RevokeAccessKeyCommand(AccessKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean handles(Payload payload) {
        return payload instanceof RevokeAccessKey;
    }

    @Override
    public Result apply(Envelope<? extends Payload> command, Workspace workspace) {
        String keyId = ((RevokeAccessKey) command.payload()).keyId();
        if (keyId == null || keyId.isBlank()) {
            return Result.refused(new FieldProblem("keyId", "required", "the id of the key to revoke (rk_…)"));
        }
        if (keyId.chars().anyMatch(Character::isISOControl) || keyId.length() > 200) {
            // No key has such an id, and PostgreSQL refuses NUL in text: answered before any lookup.
            return Result.refused(new FieldProblem("keyId", "invalid_format",
                    "a key id is rk_ and letters or digits, without control characters"));
        }
        if (!keys.revoke(workspace.id(), keyId, new AccessKeys.Origin(command.actor(), command.requestId()))) {
            return Result.refused(new FieldProblem("keyId", "not_found", "no active key '" + keyId + "' in this workspace"));
        }
        // AccessKeys announces the revocation itself (access-key.revoked.v1), as it does for HTTP issuing
        return Result.done(null);
    }
}
