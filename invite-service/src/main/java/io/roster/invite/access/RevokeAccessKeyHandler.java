package io.roster.invite.access;

import io.roster.contracts.access.RevokeAccessKey;
import io.roster.contracts.account.FieldProblem;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import org.springframework.stereotype.Component;

/**
 * {@code access-key.revoke.v1}, from Kafka or from {@code DELETE …/access-keys/{keyId}}: the key stops working at
 * once here, and wherever {@code access-key.revoked.v1} arrives. A key of another workspace is not found.
 */
@Component
class RevokeAccessKeyHandler implements CommandHandler<RevokeAccessKey> {

    private final AccessKeys keys;

    RevokeAccessKeyHandler(AccessKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<RevokeAccessKey> payloadType() {
        return RevokeAccessKey.class;
    }

    @Override
    public Decision decide(Command<RevokeAccessKey> command) {
        String keyId = command.payload().keyId();
        if (keyId == null || keyId.isBlank()) {
            return Decision.refused(new FieldProblem("keyId", "required", "the id of the key to revoke (rk_…)"));
        }
        if (keyId.chars().anyMatch(Character::isISOControl) || keyId.length() > 200) {
            // No key has such an id, and PostgreSQL refuses NUL in text: answered before any lookup.
            return Decision.refused(new FieldProblem("keyId", "invalid_format",
                    "a key id is rk_ and letters or digits, without control characters"));
        }
        if (!keys.revoke(command.workspaceId(), keyId, new AccessKeys.Origin(command.actor(), command.requestId()))) {
            return Decision.refused(new FieldProblem("keyId", "not_found",
                    "no active key " + FieldProblem.quote(keyId) + " in this workspace"));
        }
        // AccessKeys announces the revocation itself (access-key.revoked.v1), as it does for HTTP issuing
        return Decision.accepted(null, null);
    }
}
