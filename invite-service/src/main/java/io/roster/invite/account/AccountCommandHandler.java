package io.roster.invite.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.workspace.WorkspaceRepository;
import io.roster.messaging.Outbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out account commands, whatever their transport: validates with the shared {@link AccountValidator},
 * checks what needs stored state, writes the account, and records the outcome — the event in the outbox and
 * the request id — in the same transaction. A request id already handled is skipped.
 */
@Service
public class AccountCommandHandler {

    private final WorkspaceRepository workspaces;
    private final AccountRepository accounts;
    private final AccountRequestRepository requests;
    private final Outbox outbox;
    private final Clock clock;

    AccountCommandHandler(WorkspaceRepository workspaces, AccountRepository accounts,
            AccountRequestRepository requests, @Qualifier("inviteOutbox") Outbox outbox,
            @Qualifier("inviteClock") Clock clock) {
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.requests = requests;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The outcome of a command: the account created, or the problems that refused it. */
    public record Outcome(UUID accountId, List<FieldProblem> problems, boolean duplicate) {

        public boolean accepted() {
            return accountId != null;
        }
    }

    @Transactional
    public Outcome handle(Envelope<? extends Payload> command) {
        if (requests.handled(command.workspaceId(), command.requestId())) {
            return new Outcome(null, List.of(), true);
        }
        Optional<Workspace> workspace = workspaces.lock(command.workspaceId());
        if (workspace.isEmpty()) {
            return reject(command, List.of(new FieldProblem(null, "workspace_unknown",
                    "workspace '" + command.workspaceId() + "' does not exist")));
        }
        if (command.payload() instanceof CreateUser user) {
            return create(command, AccountValidator.validateUser(user, workspace.get().rules(clock.instant())),
                    workspace.get());
        }
        if (command.payload() instanceof CreateContact contact) {
            return create(command, AccountValidator.validateContact(contact, workspace.get().rules(clock.instant())),
                    workspace.get());
        }
        return reject(command, List.of(new FieldProblem(null, "unsupported",
                command.type() + " is not handled by this version of invite-service")));
    }

    private Outcome create(Envelope<? extends Payload> command, AccountValidator.Result result, Workspace workspace) {
        if (!result.isValid()) {
            return reject(command, result.problems());
        }
        ValidatedAccount account = result.account();
        List<FieldProblem> problems = new ArrayList<>();
        if (account.login() != null && accounts.loginTaken(workspace.id(), account.login())) {
            problems.add(new FieldProblem("login", "duplicate", "an account with this login already exists"));
        }
        if (accounts.emailTaken(workspace.id(), account.email())) {
            problems.add(new FieldProblem("email", "duplicate", "an account with this email already exists"));
        }
        UUID ownerId = null;
        if (account.type() == AccountType.USER) {
            if (account.status() != io.roster.contracts.account.AccountStatus.CLOSED
                    && accounts.licencesInUse(workspace.id()) >= workspace.licenceCount()) {
                problems.add(new FieldProblem(null, "licences_exhausted", "all " + workspace.licenceCount()
                        + " licences of the workspace are in use; close an account or add licences"));
            }
        } else {
            Optional<AccountView> owner = accounts.findUserByLogin(workspace.id(), account.ownerLogin());
            if (owner.isEmpty()) {
                problems.add(new FieldProblem("ownerLogin", "owner_unknown",
                        "no user with login '" + account.ownerLogin() + "' in this workspace"));
            } else {
                ownerId = owner.get().id();
                CreateContact contact = (CreateContact) command.payload();
                if (mismatch(contact.ownerFirstName(), owner.get().firstName())) {
                    problems.add(new FieldProblem("ownerFirstName", "owner_mismatch",
                            "does not match the first name of user '" + account.ownerLogin() + "'"));
                }
                if (mismatch(contact.ownerLastName(), owner.get().lastName())) {
                    problems.add(new FieldProblem("ownerLastName", "owner_mismatch",
                            "does not match the last name of user '" + account.ownerLogin() + "'"));
                }
            }
        }
        if (!problems.isEmpty()) {
            return reject(command, problems);
        }
        UUID id = accounts.insert(workspace.id(), account, ownerId);
        outbox.publish(new Envelope<>(UUID.randomUUID(), io.roster.contracts.MessageType.ACCOUNT_CREATED.typeName(),
                clock.instant(), workspace.id(), command.requestId(), command.actor(),
                new AccountCreated(id.toString(), account.type(), account.login(), account.email(),
                        account.firstName(), account.lastName(), account.status(), account.mailLanguage(),
                        account.creationNotification(), ownerId == null ? null : ownerId.toString(),
                        account.suspensionAt(), account.expirationMode(), account.preventAutomaticSuspension(),
                        account.admin(), account.permission(), account.buckets())));
        requests.record(workspace.id(), command.requestId(), command.type(), true, id);
        return new Outcome(id, List.of(), false);
    }

    private Outcome reject(Envelope<? extends Payload> command, List<FieldProblem> problems) {
        outbox.publish(new Envelope<>(UUID.randomUUID(),
                io.roster.contracts.MessageType.ACCOUNT_REQUEST_REJECTED.typeName(), clock.instant(),
                command.workspaceId(), command.requestId(), command.actor(),
                new AccountRequestRejected(command.type(), command.payload().subject(), problems)));
        requests.record(command.workspaceId(), command.requestId(), command.type(), false, null);
        return new Outcome(null, problems, false);
    }

    private static boolean mismatch(String given, String actual) {
        return given != null && !given.isBlank() && !given.strip().equalsIgnoreCase(actual);
    }
}
