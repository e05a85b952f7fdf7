package io.roster.invite.bucket;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.bucket.CreateBucket;
import io.roster.contracts.bucket.DeleteBucket;
import io.roster.invite.account.AccountCommandHandler;
import io.roster.invite.web.AdminCommands;
import io.roster.invite.web.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The buckets of a workspace, for its admins. Creation and deletion are the {@code bucket.create.v1} and
 * {@code bucket.delete.v1} commands, handled as the same command on Kafka would be.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/buckets")
class BucketController {

    private final BucketRegistry buckets;
    private final AccountCommandHandler handler;

    BucketController(BucketRegistry buckets, AccountCommandHandler handler) {
        this.buckets = buckets;
        this.handler = handler;
    }

    record NewBucket(String name) {
    }

    /** The workspace's buckets by name, with how many accounts and pending invitations use each. */
    @GetMapping
    List<BucketView> list(@PathVariable String workspaceId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return buckets.list(workspaceId, io.roster.invite.web.Paging.offset(page, size), size);
    }

    @GetMapping("/{name}")
    BucketView get(@PathVariable String workspaceId, @PathVariable String name) {
        return find(workspaceId, name);
    }

    @PostMapping
    ResponseEntity<BucketView> create(@PathVariable String workspaceId, @RequestBody NewBucket body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        run(workspaceId, key, new CreateBucket(body.name()), request);
        return ResponseEntity.created(URI.create("/api/v1/workspaces/" + workspaceId + "/buckets/" + body.name()))
                .body(find(workspaceId, body.name()));
    }

    /** Refused with 409 while accounts or pending invitations are granted the bucket. */
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String workspaceId, @PathVariable String name,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        run(workspaceId, key, new DeleteBucket(name), request);
        return ResponseEntity.noContent().build();
    }

    private void run(String workspaceId, String idempotencyKey, Payload payload, HttpServletRequest request) {
        Envelope<Payload> command = AdminCommands.of(workspaceId, idempotencyKey, payload, request);
        AccountCommandHandler.Outcome outcome = handler.handle(command, false);
        if (!outcome.accepted()) {
            throw RequestRejectedException.of(outcome.problems(), outcome.duplicate(), command.requestId());
        }
    }

    private BucketView find(String workspaceId, String name) {
        return buckets.find(workspaceId, name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no bucket '" + name + "'"));
    }
}
