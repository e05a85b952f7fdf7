package io.roster.invite.account;

import io.roster.contracts.account.AccountType;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/accounts")
class AccountController {

    private final AccountRepository accounts;

    AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** Accounts of a workspace, oldest first, filtered by type, status and text (login, email, names). */
    @GetMapping
    List<AccountView> list(@PathVariable String workspaceId, @RequestParam(required = false) AccountType type,
            @RequestParam(required = false) io.roster.contracts.account.AccountStatus status,
            @RequestParam(required = false) String text, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be >= 0 and size within 1..500");
        }
        return accounts.list(workspaceId, type, status == null ? null : status.name(), text, page * size, size);
    }

    @GetMapping("/{accountId}")
    AccountView get(@PathVariable String workspaceId, @PathVariable UUID accountId) {
        return accounts.find(workspaceId, accountId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such account"));
    }
}
