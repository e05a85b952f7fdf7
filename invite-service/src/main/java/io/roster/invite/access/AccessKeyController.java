package io.roster.invite.access;

import io.roster.adminaccess.AdminKey;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.access.RevokeAccessKey;
import io.roster.invite.account.AccountCommandHandler;
import io.roster.invite.web.AdminCommands;
import io.roster.invite.web.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A workspace's admin access keys: issue (the secret is in this response only), list, revoke. Issuing exists over
 * HTTP only — a Kafka command would put the secret on a topic; revoking is also the command
 * {@code access-key.revoke.v1}, and this endpoint runs that very command.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/access-keys")
class AccessKeyController {

    private final AccessKeys keys;
    private final AccountCommandHandler handler;

    AccessKeyController(AccessKeys keys, AccountCommandHandler handler) {
        this.keys = keys;
        this.handler = handler;
    }

    record NewKey(String name) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccessKeys.IssuedKey issue(@PathVariable String workspaceId, @RequestBody NewKey body,
            HttpServletRequest request) {
        if (body.name() == null || body.name().isBlank() || body.name().length() > 100
                || body.name().chars().anyMatch(Character::isISOControl)) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "name: 1-100 characters without control characters");
        }
        AdminKey admin = AdminKey.of(request).orElseThrow();
        return keys.issue(workspaceId, body.name().strip(), AccessKeys.Origin.http(
                new Actor(Actor.Kind.ADMIN, admin.keyId(), request.getRemoteAddr())));
    }

    @GetMapping
    List<AccessKeys.KeyView> list(@PathVariable String workspaceId) {
        return keys.list(workspaceId);
    }

    /** Revokes a key at once; revoking the key used for this request is allowed (it stops working). */
    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String workspaceId, @PathVariable String keyId,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request) {
        Envelope<Payload> command = AdminCommands.of(workspaceId, idempotencyKey, new RevokeAccessKey(keyId),
                request);
        AccountCommandHandler.Outcome outcome = handler.handle(command, false);
        if (!outcome.accepted()) {
            throw RequestRejectedException.of(outcome.problems(), outcome.duplicate(), command.requestId());
        }
    }

}
