package io.roster.invite.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.CreateContact;
import io.roster.contracts.account.CreateUser;
import io.roster.contracts.account.FieldProblem;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.contracts.account.WorkspaceRules;
import io.roster.invite.bucket.BucketRegistry;
import io.roster.invite.mail.MailKind;
import io.roster.invite.mail.Mailer;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.ConflictCheck;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.pipeline.DecideAgainUnderLock;
import io.roster.invite.pipeline.Reply;
import io.roster.invite.pipeline.RequestLog;
import io.roster.invite.workspace.Workspace;
import io.roster.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Creates accounts, set-wise: a run of create-user (or create-contact) commands — a Kafka poll's, or an HTTP
 * request's one — is decided in a few statements: one duplicate query and one bucket query per workspace, the
 * licences counted in memory from one unlocked read, then one statement for the accounts, their events, mails and
 * request log entries, and the licences taken last, which locks the workspace rows only from there to the commit.
 * Decided command by command in order, as one at a time would: a login taken earlier in the run is a duplicate, and
 * licences run out where they would one at a time. If concurrent requests took licences meanwhile, the taking fails
 * and the run is decided again under the workspace lock ({@link DecideAgainUnderLock}).
 */
@Component
class AccountCreation {

    private final AccountRepository accounts;
    private final BucketRegistry buckets;
    private final Outbox outbox;
    private final RequestLog log;
    private final Mailer mailer;
    private final Clock clock;

    AccountCreation(AccountRepository accounts, BucketRegistry buckets, @Qualifier("inviteOutbox") Outbox outbox,
            RequestLog log, Mailer mailer, @Qualifier("inviteClock") Clock clock) {
        this.accounts = accounts;
        this.buckets = buckets;
        this.outbox = outbox;
        this.log = log;
        this.mailer = mailer;
        this.clock = clock;
    }

    /**
     * Decides the run. {@link ConflictCheck#CAUGHT_ON_WRITE} leaves out the duplicate probe: a login or e-mail
     * already taken fails the accounts' COPY on its unique index (each command's request-log entry, on the log's
     * primary key, catches a request handled before), and the pipeline decides the run again with the probe.
     */
    List<Decision> decideAll(List<? extends Command<? extends Payload>> run, ConflictCheck check) {
        Instant now = clock.instant();
        AccountValidator.Result[] results = new AccountValidator.Result[run.size()];
        Map<String, Set<String>> logins = new HashMap<>();
        Map<String, Set<String>> emails = new HashMap<>();
        Map<String, Set<String>> bucketNames = new HashMap<>();
        Map<String, Set<String>> ownerLogins = new HashMap<>();
        for (int i = 0; i < run.size(); i++) {
            Command<? extends Payload> command = run.get(i);
            results[i] = validate(command.payload(), command.workspace().rules(now));
            if (results[i].isValid()) {
                ValidatedAccount account = results[i].account();
                Set<String> names = logins.computeIfAbsent(command.workspaceId(), k -> new HashSet<>());
                if (account.login() != null) {
                    names.add(lower(account.login()));
                }
                emails.computeIfAbsent(command.workspaceId(), k -> new HashSet<>()).add(lower(account.email()));
                bucketNames.computeIfAbsent(command.workspaceId(), k -> new HashSet<>()).addAll(account.buckets());
                if (command.payload() instanceof CreateContact) {
                    ownerLogins.computeIfAbsent(command.workspaceId(), k -> new HashSet<>()).add(account.ownerLogin());
                }
            }
        }
        Map<String, AccountRepository.Taken> taken = new HashMap<>();
        logins.forEach((workspaceId, names) -> taken.put(workspaceId, check == ConflictCheck.LOOKED_UP
                ? accounts.taken(workspaceId, names, emails.get(workspaceId))
                : new AccountRepository.Taken(new HashSet<>(), new HashSet<>())));
        // a run of contacts finds its owners in one statement a workspace, where each contact looked its owner up
        Map<String, Map<String, Account>> owners = new HashMap<>();
        ownerLogins.forEach((workspaceId, names) -> owners.put(workspaceId, accounts.usersByLogin(workspaceId, names)));
        Map<String, Set<String>> existingBuckets = new HashMap<>();
        bucketNames.forEach((workspaceId, names) -> existingBuckets.put(workspaceId,
                buckets.existing(workspaceId, names)));
        // Licences are counted from an unlocked read and taken at the very end, so a workspace row stays locked only
        // from that last statement to the commit and concurrent requests of one workspace overlap all their other
        // work.
        Map<String, Integer> licencesUsed = accounts.licencesUsed(
                run.stream().map(Command::workspaceId).collect(Collectors.toCollection(LinkedHashSet::new)));
        Map<String, Integer> licencesTaken = new HashMap<>();

        List<AccountRepository.NewAccount> inserts = new ArrayList<>();
        List<Envelope<?>> events = new ArrayList<>(run.size());
        List<Mailer.Queued> mails = new ArrayList<>();
        List<RequestLog.Entry> entries = new ArrayList<>(run.size());
        List<Decision> decisions = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            Command<? extends Payload> command = run.get(i);
            Workspace workspace = command.workspace();
            List<FieldProblem> problems = new ArrayList<>();
            if (!results[i].isValid()) {
                problems.addAll(results[i].problems());
            } else {
                ValidatedAccount account = results[i].account();
                AccountRepository.Taken inUse = taken.get(workspace.id());
                String login = account.login() == null ? null : lower(account.login());
                String email = lower(account.email());
                problems.addAll(BucketRegistry.unknown(account.buckets(),
                        existingBuckets.getOrDefault(workspace.id(), Set.of()), "buckets"));
                problems.addAll(duplicates(login != null && inUse.logins().contains(login),
                        inUse.emails().contains(email)));
                UUID ownerId = null;
                if (command.payload() instanceof CreateContact contact) {
                    Optional<Account> owner = Optional.ofNullable(
                            owners.getOrDefault(workspace.id(), Map.of()).get(account.ownerLogin()));
                    problems.addAll(ownerProblems(contact, account.ownerLogin(), owner));
                    ownerId = owner.map(Account::id).orElse(null);
                }
                boolean takesLicence = account.type() == AccountType.USER && account.status() != AccountStatus.CLOSED;
                if (problems.isEmpty() && takesLicence
                        && licencesUsed.get(workspace.id()) + licencesTaken.getOrDefault(workspace.id(), 0)
                                >= workspace.licenceCount()) {
                    problems.add(licencesExhausted(workspace));
                }
                if (problems.isEmpty()) {
                    UUID id = AccountRepository.newId();
                    if (login != null) {
                        inUse.logins().add(login);
                    }
                    inUse.emails().add(email);
                    if (takesLicence) {
                        licencesTaken.merge(workspace.id(), 1, Integer::sum);
                    }
                    inserts.add(new AccountRepository.NewAccount(id, workspace.id(), account, ownerId));
                    Envelope<AccountCreated> created = command.answer(createdEvent(id, account, ownerId), now);
                    events.add(created);
                    if (account.creationNotification()) {
                        mails.add(creationMail(created));
                    }
                    entries.add(command.accepted(id));
                    decisions.add(Decision.acceptedAndLogged(id, null));
                    continue;
                }
            }
            events.add(command.rejection(problems, now));
            entries.add(command.rejected());
            decisions.add(Decision.refusedAndLogged(problems));
        }
        if (run.get(0).reply() == Reply.IN_RESPONSE) {
            // one statement, returning the accounts as written for the HTTP answer
            List<Outbox.Insert> with = new ArrayList<>(List.of(outbox.insertAllOf(events), log.insertAllOf(entries)));
            if (!mails.isEmpty()) {
                with.add(mailer.insertAllOf(mails));
            }
            Map<UUID, Account> written = accounts.insertAllReturning(inserts, with).stream()
                    .collect(Collectors.toMap(Account::id, Function.identity()));
            decisions.replaceAll(d -> d.isAccepted() ? d.showing(written.get(d.accountId())) : d);
        } else {
            // a Kafka run: each table's rows by binary COPY, which PostgreSQL stores without parsing arrays of text
            List<Outbox.Copy> with = new ArrayList<>(List.of(outbox.copyAllOf(events), log.copyAllOf(entries)));
            if (!mails.isEmpty()) {
                // keyed by the created events, new this instant: no mail can be queued under their ids already
                with.add(mailer.copyAllOf(mails));
            }
            accounts.copyAll(inserts, with);
        }
        if (!accounts.takeLicences(licencesTaken)) {
            throw new DecideAgainUnderLock("licences taken by concurrent requests meanwhile");
        }
        return decisions;
    }

    private static AccountValidator.Result validate(Payload payload, WorkspaceRules rules) {
        return payload instanceof CreateUser user ? AccountValidator.validateUser(user, rules)
                : AccountValidator.validateContact((CreateContact) payload, rules);
    }

    private static List<FieldProblem> ownerProblems(CreateContact contact, String ownerLogin,
            Optional<Account> owner) {
        if (owner.isEmpty()) {
            return List.of(new FieldProblem("ownerLogin", "owner_unknown",
                    "no user with login '" + ownerLogin + "' in this workspace"));
        }
        List<FieldProblem> problems = new ArrayList<>(2);
        if (mismatch(contact.ownerFirstName(), owner.get().firstName())) {
            problems.add(new FieldProblem("ownerFirstName", "owner_mismatch",
                    "does not match the first name of user '" + ownerLogin + "'"));
        }
        if (mismatch(contact.ownerLastName(), owner.get().lastName())) {
            problems.add(new FieldProblem("ownerLastName", "owner_mismatch",
                    "does not match the last name of user '" + ownerLogin + "'"));
        }
        return problems;
    }

    /**
     * The creation notification an account asked for, queued in the transaction that creates it and keyed by its
     * {@code account.created.v1} event: sent once that commits, never twice, retried while the mail server is down.
     */
    private Mailer.Queued creationMail(Envelope<AccountCreated> event) {
        AccountCreated created = event.payload();
        return mailer.prepare(event.eventId(), event.workspaceId(), MailKind.CREATION_NOTIFICATION, created.email(),
                created.mailLanguage(), created.firstName() + " " + created.lastName(),
                event.workspaceId(), created.login() == null ? created.email() : created.login());
    }

    private static AccountCreated createdEvent(UUID id, ValidatedAccount account, UUID ownerId) {
        return new AccountCreated(id.toString(), account.type(), account.login(), account.email(),
                account.firstName(), account.lastName(), account.status(), account.mailLanguage(),
                account.creationNotification(), ownerId == null ? null : ownerId.toString(), account.suspensionAt(),
                account.expirationMode(), account.preventAutomaticSuspension(), account.admin(), account.permission(),
                account.buckets());
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

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
