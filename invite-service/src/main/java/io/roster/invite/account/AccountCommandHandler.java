package io.roster.invite.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.MalformedCommand;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountDeleted;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountUpdated;
import io.roster.contracts.account.CloseAccount;
import io.roster.contracts.account.DeleteAccount;
import io.roster.contracts.account.ReactivateAccount;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.UpdateAccount;
import io.roster.contracts.account.InviteUsers;
import io.roster.contracts.invitation.CancelInvitation;
import io.roster.contracts.invitation.ResendInvitation;
import io.roster.invite.invitation.InvitationService;
import io.roster.invite.invitation.InvitationView;
import io.roster.invite.session.SessionRepository;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.bucket.BucketRegistry;
import io.roster.invite.mail.Mailer;
import io.roster.invite.workspace.WorkspaceCommand;
import io.roster.invite.workspace.WorkspaceRepository;
import io.roster.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

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
    private final InvitationService invitations;
    private final SessionRepository sessions;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final List<WorkspaceCommand> workspaceCommands;
    private final BucketRegistry buckets;
    private final Mailer mailer;

    AccountCommandHandler(WorkspaceRepository workspaces, AccountRepository accounts,
            AccountRequestRepository requests, @Qualifier("inviteOutbox") Outbox outbox,
            @Qualifier("inviteClock") Clock clock, InvitationService invitations, SessionRepository sessions,
            org.springframework.transaction.PlatformTransactionManager transactionManager,
            org.springframework.beans.factory.ObjectProvider<WorkspaceCommand> workspaceCommands,
            BucketRegistry buckets, Mailer mailer) {
        this.buckets = buckets;
        this.mailer = mailer;
        this.workspaceCommands = workspaceCommands.orderedStream().toList();
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.invitations = invitations;
        this.sessions = sessions;
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.requests = requests;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The outcome of a command: the account created, or the problems that refused it. */
    public record Outcome(boolean accepted, UUID accountId, List<InvitationView> invitations,
            List<FieldProblem> problems, boolean duplicate, AccountView created) {

        static Outcome done(UUID accountId) {
            return new Outcome(true, accountId, List.of(), List.of(), false, null);
        }

        /** The account as written, so that an HTTP answer needs no second read. */
        static Outcome created(AccountView account) {
            return new Outcome(true, account.id(), List.of(), List.of(), false, account);
        }

        /** The invitations as written or changed, so that an HTTP answer needs no second read. */
        static Outcome invited(List<InvitationView> invitations) {
            return new Outcome(true, null, invitations, List.of(), false, null);
        }

        static Outcome refused(List<FieldProblem> problems) {
            return new Outcome(false, null, List.of(), problems, false, null);
        }

        /** A request id seen before: nothing is done again. */
        static Outcome repeated(boolean accepted, UUID accountId) {
            return new Outcome(accepted, accountId, List.of(), List.of(), true, null);
        }
    }

    /** A command from Kafka: its rejection is an event too. */
    public Outcome handle(Envelope<? extends Payload> command) {
        return handle(command, true);
    }

    /**
     * @param recordRejection false for HTTP, whose caller gets the problems in the response: a rejected request
     *     then writes nothing at all
     */
    public Outcome handle(Envelope<? extends Payload> command, boolean recordRejection) {
        return handle(command, recordRejection, false);
    }

    /**
     * In a transaction of its own, or in the caller's if one is open (which then commits it).
     *
     * @param newRequestId the caller assigned the request id just now (an HTTP request without
     *     {@code Idempotency-Key}): it cannot have been handled before, so it is not looked up
     */
    public Outcome handle(Envelope<? extends Payload> command, boolean recordRejection, boolean newRequestId) {
        try {
            return transactions.execute(tx -> {
                Outcome outcome = decide(command, recordRejection, newRequestId);
                if (!outcome.accepted() && !outcome.duplicate() && !recordRejection) {
                    tx.setRollbackOnly();
                }
                return outcome;
            });
        } catch (RuntimeException e) {
            // Invitations over HTTP have their licences counted at commit: a concurrent request took the last ones
            // meanwhile, and the commit failed, so nothing of this one was written.
            if (!recordRejection && InvitationService.lostTheLicences(e)) {
                return Outcome.refused(List.of(InvitationService.licencesTakenMeanwhile()));
            }
            throw e;
        }
    }

    /**
     * A poll's worth of Kafka commands in one transaction — one commit, one workspace lock — with a savepoint per
     * command. Returns the index of the first record that could not be handled (undecodable, or failing), after
     * committing everything before it; -1 when all were handled. The caller hands that record to the error
     * handler, so nothing before it is redone and nothing after it is lost.
     */
    public int handleBatch(List<Envelope<Payload>> commands) {
        int[] failed = {-1};
        RuntimeException[] cause = {null};
        transactions.executeWithoutResult(tx -> {
            int i = 0;
            while (i < commands.size()) {
                if (commands.get(i) == null) {
                    failed[0] = i;
                    return;
                }
                int end = i;
                while (end < commands.size() && commands.get(end) != null
                        && commands.get(end).payload() instanceof CreateUser) {
                    end++;
                }
                if (end - i > 1) {
                    Object savepoint = tx.createSavepoint();
                    try {
                        createUsers(commands.subList(i, end));
                        tx.releaseSavepoint(savepoint);
                        i = end;
                        continue;
                    } catch (RuntimeException e) {
                        // Undone, then done again one at a time below: that finds the command that fails.
                        tx.rollbackToSavepoint(savepoint);
                    }
                }
                for (end = Math.max(end, i + 1); i < end; i++) {
                    Object savepoint = tx.createSavepoint();
                    try {
                        decide(commands.get(i), true, false);
                        tx.releaseSavepoint(savepoint);
                    } catch (RuntimeException e) {
                        tx.rollbackToSavepoint(savepoint);
                        failed[0] = i;
                        cause[0] = e;
                        return;
                    }
                }
            }
        });
        if (cause[0] != null) {
            throw new BatchFailure(failed[0], cause[0]);
        }
        return failed[0];
    }

    /**
     * A run of create-user commands from one poll, set-wise: one query for the request ids already handled, one
     * duplicate query and one licence increment per workspace, one statement each for the accounts, the events and
     * the request records. Decides as {@link #decide} does, command by command in order: a login taken earlier in
     * the run is a duplicate, and licences run out where they would one at a time.
     */
    private void createUsers(List<Envelope<Payload>> run) {
        List<String> workspaceIds = new ArrayList<>(run.size());
        List<String> requestIds = new ArrayList<>(run.size());
        run.forEach(c -> {
            workspaceIds.add(c.workspaceId());
            requestIds.add(c.requestId());
        });
        Map<String, AccountRequestRepository.Handled> handled = requests.findAll(workspaceIds, requestIds);
        Map<String, Workspace> known = new HashMap<>();
        new TreeSet<>(workspaceIds).forEach(id -> workspaces.find(id).ifPresent(w -> known.put(id, w)));
        Instant now = clock.instant();

        AccountValidator.Result[] results = new AccountValidator.Result[run.size()];
        Map<String, Set<String>> logins = new HashMap<>();
        Map<String, Set<String>> emails = new HashMap<>();
        Map<String, Set<String>> bucketNames = new HashMap<>();
        for (int i = 0; i < run.size(); i++) {
            Envelope<Payload> command = run.get(i);
            Workspace workspace = known.get(command.workspaceId());
            if (workspace != null) {
                results[i] = AccountValidator.validateUser((CreateUser) command.payload(), workspace.rules(now));
                if (results[i].isValid()) {
                    logins.computeIfAbsent(workspace.id(), k -> new HashSet<>())
                            .add(results[i].account().login().toLowerCase(Locale.ROOT));
                    emails.computeIfAbsent(workspace.id(), k -> new HashSet<>())
                            .add(results[i].account().email().toLowerCase(Locale.ROOT));
                    bucketNames.computeIfAbsent(workspace.id(), k -> new HashSet<>())
                            .addAll(results[i].account().buckets());
                }
            }
        }
        Map<String, AccountRepository.Taken> taken = new HashMap<>();
        logins.forEach((workspaceId, names) -> taken.put(workspaceId,
                accounts.taken(workspaceId, names, emails.get(workspaceId))));
        Map<String, Set<String>> existingBuckets = new HashMap<>();
        bucketNames.forEach((workspaceId, names) -> existingBuckets.put(workspaceId,
                buckets.existing(workspaceId, names)));
        // Licences are counted from an unlocked read and taken at the very end, so a workspace row stays locked only
        // from that last statement to the commit and concurrent batches of one workspace overlap all their other
        // work. If another transaction took licences meanwhile, or a login this batch inserts, the batch fails and
        // is replayed one command at a time, which locks as it goes and decides each command exactly.
        Map<String, Integer> licencesUsed = accounts.licencesUsed(known.keySet());
        Map<String, Integer> licencesTaken = new HashMap<>();

        List<AccountRepository.NewAccount> inserts = new ArrayList<>();
        List<Envelope<?>> events = new ArrayList<>(run.size());
        List<Envelope<AccountCreated>> notifications = new ArrayList<>();
        List<AccountRequestRepository.Outcome> outcomes = new ArrayList<>(run.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < run.size(); i++) {
            Envelope<Payload> command = run.get(i);
            String key = AccountRequestRepository.key(command.workspaceId(), command.requestId());
            if (handled.containsKey(key) || !seen.add(key)) {
                continue;
            }
            Workspace workspace = known.get(command.workspaceId());
            List<FieldProblem> problems = new ArrayList<>();
            if (workspace == null) {
                problems.add(unknownWorkspace(command));
            } else if (!results[i].isValid()) {
                problems.addAll(results[i].problems());
            } else {
                ValidatedAccount account = results[i].account();
                AccountRepository.Taken inUse = taken.get(workspace.id());
                String login = account.login().toLowerCase(Locale.ROOT);
                String email = account.email().toLowerCase(Locale.ROOT);
                problems.addAll(BucketRegistry.unknown(account.buckets(),
                        existingBuckets.getOrDefault(workspace.id(), Set.of()), "buckets"));
                problems.addAll(duplicates(inUse.logins().contains(login), inUse.emails().contains(email)));
                boolean takesLicence = account.status() != AccountStatus.CLOSED;
                if (problems.isEmpty() && takesLicence
                        && licencesUsed.get(workspace.id()) + licencesTaken.getOrDefault(workspace.id(), 0)
                                >= workspace.licenceCount()) {
                    problems.add(licencesExhausted(workspace));
                }
                if (problems.isEmpty()) {
                    UUID id = AccountRepository.newId();
                    inUse.logins().add(login);
                    inUse.emails().add(email);
                    if (takesLicence) {
                        licencesTaken.merge(workspace.id(), 1, Integer::sum);
                    }
                    inserts.add(new AccountRepository.NewAccount(id, workspace.id(), account, null));
                    Envelope<AccountCreated> created = createdEvent(command, id, account, null);
                    events.add(created);
                    if (account.creationNotification()) {
                        notifications.add(created);
                    }
                    outcomes.add(new AccountRequestRepository.Outcome(command.workspaceId(), command.requestId(),
                            command.type(), true, id));
                    continue;
                }
            }
            events.add(rejectedEvent(command, problems));
            outcomes.add(new AccountRequestRepository.Outcome(command.workspaceId(), command.requestId(),
                    command.type(), false, null));
        }
        accounts.insertAll(inserts);
        outbox.publishAll(events);
        requests.recordAll(outcomes);
        notifications.forEach(this::queueCreationMail);
        if (!accounts.takeLicences(licencesTaken)) {
            throw new IllegalStateException("licences taken by another transaction meanwhile; deciding one by one");
        }
    }

    /** The index of the command that failed after the ones before it were committed. */
    public static final class BatchFailure extends RuntimeException {
        private final int index;

        BatchFailure(int index, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }

    private Outcome decide(Envelope<? extends Payload> received, boolean recordRejection, boolean newRequestId) {
        // Ids PostgreSQL cannot take (NUL) or that no one has are answered under their printable form, looked up
        // and recorded as such, so a redelivery is still recognised.
        List<FieldProblem> unusableIds = io.roster.contracts.EnvelopeCheck.problems(received);
        Envelope<? extends Payload> command = unusableIds.isEmpty() ? received
                : io.roster.contracts.EnvelopeCheck.printable(received);
        Optional<AccountRequestRepository.Handled> handled = newRequestId ? Optional.empty()
                : requests.find(command.workspaceId(), command.requestId());
        if (handled.isPresent()) {
            return Outcome.repeated(handled.get().accepted(), handled.get().accountId());
        }
        if (!unusableIds.isEmpty()) {
            return reject(command, unusableIds);
        }
        if (command.payload() instanceof MalformedCommand malformed) {
            // Fields of the wrong JSON type, refused by EnvelopeCodec: the sender can correct them.
            return reject(command, malformed.problems());
        }
        // Creating an account or inviting takes the workspace row's lock only for the licence arithmetic, as late as
        // it can (see create and InvitationService.invite); every other command holds it throughout.
        boolean locksLate = command.payload() instanceof CreateUser || command.payload() instanceof CreateContact
                || command.payload() instanceof InviteUsers;
        Optional<Workspace> workspace = locksLate ? workspaces.find(command.workspaceId())
                : workspaces.lock(command.workspaceId());
        if (workspace.isEmpty()) {
            return reject(command, List.of(unknownWorkspace(command)));
        }
        if (command.payload() instanceof CreateUser user) {
            return create(command, AccountValidator.validateUser(user, workspace.get().rules(clock.instant())),
                    workspace.get(), recordRejection);
        }
        if (command.payload() instanceof CreateContact contact) {
            return create(command, AccountValidator.validateContact(contact, workspace.get().rules(clock.instant())),
                    workspace.get(), recordRejection);
        }
        if (command.payload() instanceof InviteUsers c) {
            // Refused once written (a concurrent request took the last licence), the invitations, their events and
            // mails and the accepted outcome are undone: back to here on Kafka, whose rejection is then recorded;
            // the whole transaction over HTTP (see refuseLate).
            if (recordRejection) {
                accounts.markBeforeLicence();
            }
            InvitationService.Result result = invitations.invite(command, c, workspace.get(),
                    requests.insertOf(command.workspaceId(), command.requestId(), command.type(), true, null),
                    recordRejection);
            if (!result.problems().isEmpty()) {
                return refuseLate(command, result.problems(), recordRejection);
            }
            return Outcome.invited(result.invitations());
        }
        if (command.payload() instanceof ResendInvitation c) {
            return invitationOutcome(command, invitations.resend(command, c, workspace.get()));
        }
        if (command.payload() instanceof CancelInvitation c) {
            return invitationOutcome(command, invitations.cancel(command, c, workspace.get()));
        }
        if (command.payload() instanceof SuspendAccount c) {
            return transition(command, c.accountId(), AccountLifecycle.Transition.SUSPEND, c.reason());
        }
        if (command.payload() instanceof ReactivateAccount c) {
            return transition(command, c.accountId(), AccountLifecycle.Transition.REACTIVATE, c.reason());
        }
        if (command.payload() instanceof CloseAccount c) {
            return transition(command, c.accountId(), AccountLifecycle.Transition.CLOSE, c.reason());
        }
        if (command.payload() instanceof DeleteAccount c) {
            return delete(command, c.accountId());
        }
        if (command.payload() instanceof UpdateAccount c) {
            return update(command, c, workspace.get());
        }
        for (WorkspaceCommand delegate : workspaceCommands) {
            if (delegate.handles(command.payload())) {
                WorkspaceCommand.Result result = delegate.apply(command, workspace.get());
                if (!result.problems().isEmpty()) {
                    return reject(command, result.problems());
                }
                if (result.event() != null) {
                    outbox.publish(command.answer(result.event(), clock.instant()));
                }
                requests.record(command.workspaceId(), command.requestId(), command.type(), true, null);
                return Outcome.invited(List.of());
            }
        }
        return reject(command, List.of(new FieldProblem(null, "unsupported",
                command.type() + " is not handled by this version of invite-service")));
    }

    private Outcome invitationOutcome(Envelope<? extends Payload> command, InvitationService.Result result) {
        if (!result.problems().isEmpty()) {
            return reject(command, result.problems());
        }
        requests.record(command.workspaceId(), command.requestId(), command.type(), true, null);
        return Outcome.invited(result.invitations());
    }

    private Optional<AccountView> lockAccount(Envelope<? extends Payload> command, String accountId) {
        try {
            return accounts.lock(command.workspaceId(), UUID.fromString(accountId));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static FieldProblem notFound(String accountId) {
        return new FieldProblem("accountId", "not_found", "no account '" + accountId + "' in this workspace");
    }

    private Outcome transition(Envelope<? extends Payload> command, String accountId,
            AccountLifecycle.Transition transition, String reason) {
        Optional<AccountView> account = lockAccount(command, accountId);
        if (account.isEmpty()) {
            return reject(command, List.of(notFound(accountId)));
        }
        AccountStatus from = AccountStatus.valueOf(account.get().status());
        Optional<String> refusal = AccountLifecycle.refusal(AccountType.valueOf(account.get().type()), from,
                transition);
        if (refusal.isPresent()) {
            return reject(command, List.of(new FieldProblem("status", "illegal_transition", refusal.get())));
        }
        UUID id = account.get().id();
        accounts.updateStatus(id, transition.target.name());
        if (account.get().type().equals("USER") && transition.target == AccountStatus.CLOSED) {
            accounts.adjustLicences(command.workspaceId(), -1);
        }
        if (transition.target != AccountStatus.ACTIVE) {
            sessions.endAll(id, "ACCOUNT_" + transition.target);
        }
        publish(command, new AccountStatusChanged(id.toString(), from, transition.target, reason));
        requests.record(command.workspaceId(), command.requestId(), command.type(), true, id);
        return Outcome.done(id);
    }

    private Outcome delete(Envelope<? extends Payload> command, String accountId) {
        Optional<AccountView> account = lockAccount(command, accountId);
        if (account.isEmpty()) {
            return reject(command, List.of(notFound(accountId)));
        }
        Optional<String> refusal = AccountLifecycle.deletionRefusal(AccountStatus.valueOf(account.get().status()));
        if (refusal.isPresent()) {
            return reject(command, List.of(new FieldProblem("status", "illegal_transition", refusal.get())));
        }
        UUID id = account.get().id();
        long contacts = accounts.contactsOwnedBy(id);
        if (contacts > 0) {
            return reject(command, List.of(new FieldProblem(null, "owns_contacts",
                    "the user owns " + contacts + " contact(s); delete them first")));
        }
        accounts.delete(id);
        if (account.get().type().equals("USER") && !account.get().status().equals("CLOSED")) {
            accounts.adjustLicences(command.workspaceId(), -1);
        }
        String pseudonym = "deleted-" + UUID.randomUUID().toString().substring(0, 13);
        publish(command, new AccountDeleted(id.toString(), pseudonym));
        requests.record(command.workspaceId(), command.requestId(), command.type(), true, id);
        return Outcome.done(id);
    }

    /** Overlays the changed fields on the stored account and re-validates the whole, with the same validator. */
    private Outcome update(Envelope<? extends Payload> command, UpdateAccount change, Workspace workspace) {
        Optional<AccountView> found = lockAccount(command, change.accountId());
        if (found.isEmpty()) {
            return reject(command, List.of(notFound(change.accountId())));
        }
        AccountView a = found.get();
        boolean user = a.type().equals("USER");
        List<FieldProblem> problems = new ArrayList<>();
        if (!user && (change.admin() != null || change.permission() != null || change.buckets() != null
                || change.shareSpaceMax() != null || change.saveSpaceMax() != null || change.expirationMode() != null
                || change.restrictedRights() != null || change.preventAutomaticSuspension() != null
                || change.idleTimeoutMinutes() != null)) {
            problems.add(new FieldProblem(null, "not_applicable",
                    "admin, access, storage, expiry and session fields apply to USER accounts only"));
        }
        String suspension = change.suspensionDate();
        AccountValidator.Result result = user
                ? AccountValidator.validateUser(new CreateUser(a.login(), or(change.email(), a.email()),
                        or(change.firstName(), a.firstName()), or(change.lastName(), a.lastName()), a.status(),
                        or(change.mailLanguage(), a.mailLanguage()), or(change.shareSpaceMax(), a.shareSpaceMax()),
                        or(change.saveSpaceMax(), a.saveSpaceMax()),
                        or(change.visibilityScope(), a.visibilityScope()),
                        or(change.modificationPrevention(), a.modificationPrevention()),
                        or(change.company(), a.company()), or(change.companyDepartment(), a.companyDepartment()),
                        or(change.function(), a.function()), or(change.tfa(), a.tfa()), or(change.city(), a.city()),
                        or(change.address(), a.address()), or(change.zipcode(), a.zipcode()),
                        or(change.country(), a.country()), or(change.phone(), a.phone()),
                        or(change.biography(), a.biography()), suspension, a.creationNotification(),
                        or(change.expirationMode(), a.expirationMode()),
                        or(change.restrictedRights(), a.restrictedRights()),
                        or(change.preventAutomaticSuspension(), a.preventAutomaticSuspension()),
                        or(change.admin(), a.admin()), or(change.permission(), a.permission()),
                        change.buckets() != null ? change.buckets() : a.buckets(),
                        or(change.idleTimeoutMinutes(), a.idleTimeoutMinutes())),
                        workspace.rules(clock.instant()))
                : AccountValidator.validateContact(new CreateContact("owner", null, null, a.login(),
                        or(change.email(), a.email()), or(change.firstName(), a.firstName()),
                        or(change.lastName(), a.lastName()), a.status(), or(change.mailLanguage(), a.mailLanguage()),
                        or(change.visibilityScope(), a.visibilityScope()),
                        or(change.modificationPrevention(), a.modificationPrevention()),
                        or(change.company(), a.company()), or(change.companyDepartment(), a.companyDepartment()),
                        or(change.function(), a.function()), or(change.tfa(), a.tfa()), or(change.city(), a.city()),
                        or(change.address(), a.address()), or(change.zipcode(), a.zipcode()),
                        or(change.country(), a.country()), or(change.phone(), a.phone()),
                        or(change.biography(), a.biography()), suspension, a.creationNotification()),
                        workspace.rules(clock.instant()));
        problems.addAll(result.problems());
        if (result.isValid() && change.buckets() != null) {
            problems.addAll(buckets.unknown(workspace.id(), result.account().buckets(), "buckets"));
        }
        if (result.isValid() && accounts.emailTakenByOther(workspace.id(), result.account().email(), a.id())) {
            problems.add(new FieldProblem("email", "duplicate", "an account with this email already exists"));
        }
        if (!problems.isEmpty()) {
            return reject(command, problems);
        }
        ValidatedAccount merged = result.account();
        if (suspension == null && a.suspensionAt() != null) {
            // An unchanged suspension date is kept as stored, even when it has passed since.
            merged = withSuspension(merged, a.suspensionAt());
        }
        List<String> changed = changedFields(change);
        accounts.update(a.id(), merged);
        publish(command, AccountUpdated.of(a.id().toString(), changed, merged));
        requests.record(command.workspaceId(), command.requestId(), command.type(), true, a.id());
        return Outcome.done(a.id());
    }

    private static List<String> changedFields(UpdateAccount change) {
        List<String> names = new ArrayList<>();
        for (var component : UpdateAccount.class.getRecordComponents()) {
            try {
                if (!component.getName().equals("accountId") && component.getAccessor().invoke(change) != null) {
                    names.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    private static ValidatedAccount withSuspension(ValidatedAccount a, java.time.Instant at) {
        return new ValidatedAccount(a.type(), a.login(), a.email(), a.firstName(), a.lastName(), a.status(),
                a.mailLanguage(), a.shareSpaceMax(), a.saveSpaceMax(), a.visibilityScope(), a.modificationPrevention(),
                a.company(), a.companyDepartment(), a.function(), a.tfa(), a.city(), a.address(), a.zipcode(),
                a.country(), a.phone(), a.biography(), at, a.creationNotification(), a.expirationMode(),
                a.restrictedRights(), a.preventAutomaticSuspension(), a.admin(), a.permission(), a.buckets(),
                a.ownerLogin(), a.idleTimeoutMinutes());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private void publish(Envelope<? extends Payload> command, Payload event) {
        outbox.publish(command.answer(event, clock.instant()));
    }

    private Outcome create(Envelope<? extends Payload> command, AccountValidator.Result result, Workspace workspace,
            boolean recordRejection) {
        if (!result.isValid()) {
            return reject(command, result.problems());
        }
        ValidatedAccount account = result.account();
        List<FieldProblem> problems = new ArrayList<>(buckets.unknown(workspace.id(), account.buckets(), "buckets"));
        AccountRepository.InUse inUse = accounts.inUse(workspace.id(), account.login(), account.email());
        problems.addAll(duplicates(inUse.login(), inUse.email()));
        UUID ownerId = null;
        if (account.type() == AccountType.CONTACT) {
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
        // The licence last, after every other write: its conditional increment locks the workspace row until
        // commit, so concurrent requests of one workspace queue for one statement and the commit only. A login or
        // address taken by a concurrent request meanwhile fails the insert on the unique index (409 over HTTP, a
        // retry on Kafka). Refused, the writes are undone: the whole transaction over HTTP (handle rolls a
        // rejection back), back to a savepoint on Kafka, whose rejection is then recorded.
        boolean licensed = account.type() == AccountType.USER && account.status() != AccountStatus.CLOSED;
        if (licensed && recordRejection) {
            accounts.markBeforeLicence();
        }
        UUID id = AccountRepository.newId();
        Envelope<AccountCreated> event = createdEvent(command, id, account, ownerId);
        AccountView created = accounts.insert(new AccountRepository.NewAccount(id, workspace.id(), account, ownerId),
                outbox.insertOf(event), command.requestId(), command.type());
        if (licensed && !accounts.takeLicence(workspace.id())) {
            return refuseLate(command, List.of(licencesExhausted(workspace)), recordRejection);
        }
        if (account.creationNotification()) {
            queueCreationMail(event);
        }
        return Outcome.created(created);
    }

    /**
     * The creation notification an account asked for, queued in the transaction that creates it and keyed by its
     * {@code account.created.v1} event: sent once that commits, never twice, retried while the mail server is down.
     * (Queued here rather than by a consumer of the service's own events, which decoded every event to find the
     * few that ask for a mail: a seventh of the service's CPU on the Kafka path.)
     */
    private void queueCreationMail(Envelope<AccountCreated> event) {
        AccountCreated created = event.payload();
        mailer.queue(event.eventId(), event.workspaceId(), "CREATION_NOTIFICATION", created.email(), "creation",
                created.mailLanguage(), created.firstName() + " " + created.lastName(), event.workspaceId(),
                created.login() == null ? created.email() : created.login());
    }

    /**
     * A refusal after the request's writes, its accepted outcome among them. On Kafka they are undone back to the
     * savepoint set before them, and the rejection is recorded. Over HTTP the whole transaction is rolled back (see
     * handle), so nothing is written: recording it here would have collided with the accepted outcome's key.
     */
    private Outcome refuseLate(Envelope<? extends Payload> command, List<FieldProblem> problems,
            boolean recordRejection) {
        if (!recordRejection) {
            return Outcome.refused(problems);
        }
        accounts.undoToBeforeLicence();
        return reject(command, problems);
    }

    private Outcome reject(Envelope<? extends Payload> command, List<FieldProblem> problems) {
        outbox.publish(rejectedEvent(command, problems));
        requests.record(command.workspaceId(), command.requestId(), command.type(), false, null);
        return Outcome.refused(problems);
    }

    private Envelope<AccountRequestRejected> rejectedEvent(Envelope<? extends Payload> command,
            List<FieldProblem> problems) {
        // The subject is the record key's second half: a NUL in it (a login, say) would fail the outbox row.
        return command.answer(new AccountRequestRejected(command.type(),
                io.roster.contracts.EnvelopeCheck.printable(command.payload().subject()), problems),
                clock.instant());
    }

    private Envelope<AccountCreated> createdEvent(Envelope<? extends Payload> command, UUID id,
            ValidatedAccount account, UUID ownerId) {
        return command.answer(new AccountCreated(id.toString(), account.type(), account.login(), account.email(),
                account.firstName(), account.lastName(), account.status(), account.mailLanguage(),
                account.creationNotification(), ownerId == null ? null : ownerId.toString(), account.suspensionAt(),
                account.expirationMode(), account.preventAutomaticSuspension(), account.admin(), account.permission(),
                account.buckets()), clock.instant());
    }

    private static FieldProblem unknownWorkspace(Envelope<? extends Payload> command) {
        return new FieldProblem(null, "workspace_unknown", "workspace '" + command.workspaceId() + "' does not exist");
    }

    private static List<FieldProblem> duplicates(boolean loginTaken, boolean emailTaken) {
        List<FieldProblem> problems = new ArrayList<>(2);
        if (loginTaken) {
            problems.add(new FieldProblem("login", "duplicate", "an account with this login already exists"));
        }
        if (emailTaken) {
            problems.add(new FieldProblem("email", "duplicate", "an account with this email already exists"));
        }
        return problems;
    }

    private static FieldProblem licencesExhausted(Workspace workspace) {
        return new FieldProblem(null, "licences_exhausted", "all " + workspace.licenceCount()
                + " licences of the workspace are in use; close an account or add licences");
    }

    private static boolean mismatch(String given, String actual) {
        return given != null && !given.isBlank() && !given.strip().equalsIgnoreCase(actual);
    }
}
