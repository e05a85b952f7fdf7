package io.roster.invite.access;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A workspace's admin access keys: issue (the secret is in this response only), list, revoke. */
@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/access-keys")
class AccessKeyController {

    private final AccessKeys keys;

    AccessKeyController(AccessKeys keys) {
        this.keys = keys;
    }

    record NewKey(String name) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccessKeys.IssuedKey issue(@PathVariable String workspaceId, @RequestBody NewKey body) {
        if (body.name() == null || body.name().isBlank() || body.name().length() > 100
                || body.name().chars().anyMatch(Character::isISOControl)) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "name: 1-100 characters without control characters");
        }
        return keys.issue(workspaceId, body.name().strip());
    }

    @GetMapping
    List<AccessKeys.KeyView> list(@PathVariable String workspaceId) {
        return keys.list(workspaceId);
    }

    /** Revokes a key at once; revoking the key used for this request is allowed (it stops working). */
    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String workspaceId, @PathVariable String keyId) {
        if (!keys.revoke(workspaceId, keyId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no active key '" + keyId + "'");
        }
    }

}
