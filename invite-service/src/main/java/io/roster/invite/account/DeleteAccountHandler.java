package io.roster.invite.account;

import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.DeleteAccount;
import io.roster.contracts.account.FieldProblem;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.CommandHandler;
import io.roster.invite.pipeline.Decision;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code account.delete.v1}: erases a disabled or closed account that owns no contacts; the event carries only its id
 * and a pseudonym.
 */
@Component
class DeleteAccountHandler implements CommandHandler<DeleteAccount> {

    private final AccountRepository accounts;

    DeleteAccountHandler(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<DeleteAccount> payloadType() {
        return DeleteAccount.class;
    }

    @Override
    public Decision decide(Command<DeleteAccount> command) {
        String accountId = command.payload().accountId();
        Optional<Account> account = accounts.lock(command.workspaceId(), accountId);
        if (account.isEmpty()) {
            return Decision.refused(TransitionHandler.notFound(accountId));
        }
        Optional<String> refusal = AccountLifecycle.deletionRefusal(account.get().status());
        if (refusal.isPresent()) {
            return Decision.refused(new FieldProblem("status", "illegal_transition", refusal.get()));
        }
        UUID id = account.get().id();
        long contacts = accounts.contactsOwnedBy(id);
        if (contacts > 0) {
            return Decision.refused(new FieldProblem(null, "owns_contacts",
                    "the user owns " + contacts + " contact(s); delete them first"));
        }
        accounts.delete(id);
        if (account.get().holdsLicence()) {
            accounts.adjustLicences(command.workspaceId(), -1);
        }
        String pseudonym = "deleted-" + UUID.randomUUID().toString().substring(0, 13);
        return Decision.accepted(id, new AccountDeleted(id.toString(), pseudonym));
    }
}
