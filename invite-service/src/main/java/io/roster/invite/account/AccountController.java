package io.roster.invite.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.CloseAccount;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.DeleteAccount;
import io.roster.contracts.account.ReactivateAccount;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.UpdateAccount;
import io.roster.invite.web.AdminCommands;
import io.roster.invite.web.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Accounts of a workspace, for its admins. Every change goes through {@link AccountCommandHandler}, as the
 * same command on Kafka would: one set of rules, one outcome event, idempotent on {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/accounts")
class AccountController {

    private final AccountRepository accounts;
    private final AccountCommandHandler handler;

    AccountController(AccountRepository accounts, AccountCommandHandler handler) {
        this.accounts = accounts;
        this.handler = handler;
    }

    /** Accounts of a workspace, oldest first, filtered by type, status (INACTIVE = disabled) and text. */
    @GetMapping
    List<AccountView> list(@PathVariable String workspaceId, @RequestParam(required = false) AccountType type,
            @RequestParam(required = false) AccountStatus status, @RequestParam(required = false) String text,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return accounts.list(workspaceId, type, status == null ? null : status.name(), text,
                io.roster.invite.web.Paging.offset(page, size), size);
    }

    @GetMapping("/{accountId}")
    AccountView get(@PathVariable String workspaceId, @PathVariable UUID accountId) {
        return find(workspaceId, accountId);
    }

    @PostMapping("/users")
    ResponseEntity<AccountView> createUser(@PathVariable String workspaceId, @RequestBody CreateUser body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        return created(workspaceId, outcome(workspaceId, key, body, request));
    }

    @PostMapping("/contacts")
    ResponseEntity<AccountView> createContact(@PathVariable String workspaceId, @RequestBody CreateContact body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        return created(workspaceId, outcome(workspaceId, key, body, request));
    }

    /** Changes the given fields (permission and buckets included); absent fields are kept. */
    @PatchMapping("/{accountId}")
    AccountView update(@PathVariable String workspaceId, @PathVariable UUID accountId,
            @RequestBody UpdateAccount body, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            HttpServletRequest request) {
        if (body.accountId() != null && !body.accountId().equals(accountId.toString())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "accountId in the body differs from the path");
        }
        UpdateAccount change = new UpdateAccount(accountId.toString(), body.email(), body.firstName(),
                body.lastName(), body.mailLanguage(), body.shareSpaceMax(), body.saveSpaceMax(),
                body.visibilityScope(), body.modificationPrevention(), body.company(), body.companyDepartment(),
                body.function(), body.tfa(), body.city(), body.address(), body.zipcode(), body.country(),
                body.phone(), body.biography(), body.suspensionDate(), body.expirationMode(), body.restrictedRights(),
                body.preventAutomaticSuspension(), body.admin(), body.permission(), body.buckets(),
                body.idleTimeoutMinutes());
        return find(workspaceId, run(workspaceId, key, change, request));
    }

    /** Disables the account: sign-in is refused until it is reactivated. */
    @PostMapping("/{accountId}/disable")
    AccountView disable(@PathVariable String workspaceId, @PathVariable UUID accountId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        return find(workspaceId, run(workspaceId, key, new SuspendAccount(accountId.toString(), "disabled by admin"),
                request));
    }

    @PostMapping("/{accountId}/reactivate")
    AccountView reactivate(@PathVariable String workspaceId, @PathVariable UUID accountId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        return find(workspaceId, run(workspaceId, key,
                new ReactivateAccount(accountId.toString(), "reactivated by admin"), request));
    }

    @PostMapping("/{accountId}/close")
    AccountView close(@PathVariable String workspaceId, @PathVariable UUID accountId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        return find(workspaceId, run(workspaceId, key, new CloseAccount(accountId.toString(), "closed by admin"),
                request));
    }

    /** Deletes a disabled account permanently: its personal data is erased. */
    @DeleteMapping("/{accountId}")
    ResponseEntity<Void> delete(@PathVariable String workspaceId, @PathVariable UUID accountId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        run(workspaceId, key, new DeleteAccount(accountId.toString(), "deleted by admin"), request);
        return ResponseEntity.noContent().build();
    }

    private UUID run(String workspaceId, String idempotencyKey, Payload payload, HttpServletRequest request) {
        return outcome(workspaceId, idempotencyKey, payload, request).accountId();
    }

    private AccountCommandHandler.Outcome outcome(String workspaceId, String idempotencyKey, Payload payload,
            HttpServletRequest request) {
        Envelope<Payload> command = AdminCommands.of(workspaceId, idempotencyKey, payload, request);
        AccountCommandHandler.Outcome outcome = handler.handle(command, false,
                AdminCommands.assignsRequestId(idempotencyKey));
        if (!outcome.accepted()) {
            throw RequestRejectedException.of(outcome.problems(), outcome.duplicate(), command.requestId());
        }
        return outcome;
    }

    /** The account as its creation wrote it; read again only for a repeated request (an Idempotency-Key seen). */
    private ResponseEntity<AccountView> created(String workspaceId, AccountCommandHandler.Outcome outcome) {
        UUID id = outcome.accountId();
        return ResponseEntity.created(URI.create("/api/v1/workspaces/" + workspaceId + "/accounts/" + id))
                .body(outcome.created() != null ? outcome.created() : find(workspaceId, id));
    }

    private AccountView find(String workspaceId, UUID id) {
        return accounts.find(workspaceId, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no account '" + id + "'"));
    }
}
