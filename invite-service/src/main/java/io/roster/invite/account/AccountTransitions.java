package io.roster.invite.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCheck;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.FieldProblem;
import io.roster.invite.pipeline.Command;
import io.roster.invite.pipeline.Decision;
import io.roster.invite.pipeline.RequestLog;
import io.roster.invite.session.SessionEnd;
import io.roster.invite.session.SessionRepository;
import io.roster.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Applies one status transition to a run of commands set-wise — what a scheduler sweep of a million suspensions
 * sends arrives as polls of hundreds of {@code account.suspend.v1}, or of {@code account.suspend-many.v1} listing
 * many accounts each ({@link #decideMany}): one UPDATE changes every account the transition
 * is allowed for (their rows locked, their previous status returned), one SELECT finds why the others are refused,
 * and one statement publishes every outcome, logs every request and ends the changed accounts' sessions. The
 * outcomes are those of the commands one at a time, in order: the second command of a run about one account finds it
 * already changed by the first. A command of the scheduler is applied only while its premise holds ({@link Premise}):
 * the UPDATE leaves the accounts it no longer fits, which are refused with the reason.
 */
@Component
class AccountTransitions {

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final Outbox outbox;
    private final RequestLog log;
    private final Clock clock;

    AccountTransitions(AccountRepository accounts, SessionRepository sessions,
            @Qualifier("inviteOutbox") Outbox outbox, RequestLog log, @Qualifier("inviteClock") Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.outbox = outbox;
        this.log = log;
        this.clock = clock;
    }

    /** One account's transition as a command asks it: the whole command, or one account of a batch command. */
    record Asked(Command<?> command, String accountId, String reason, Premise premise) {
    }

    /**
     * What a run of transitions wrote beside the accounts, to be written in one statement with the request log: the
     * events (status changes and refusals, in order), the accounts whose sessions end.
     */
    private record Applied(List<Envelope<?>> events, List<UUID> ended, List<Optional<FieldProblem>> refusals,
            UUID[] ids) {

        boolean accepted(int i) {
            return refusals.get(i).isEmpty();
        }
    }

    /** Commands that each ask one transition ({@link TransitionHandler}): one outcome and log entry per command. */
    <P extends Payload> List<Decision> decideAll(List<Command<P>> run, AccountLifecycle.Transition transition,
            Function<P, String> accountIdOf, Function<P, String> reasonOf, Function<P, Premise> premiseOf) {
        List<Asked> asked = new ArrayList<>(run.size());
        for (Command<P> command : run) {
            asked.add(new Asked(command, accountIdOf.apply(command.payload()), reasonOf.apply(command.payload()),
                    premiseOf.apply(command.payload())));
        }
        Instant now = now();
        Applied applied = apply(asked, transition, now, new ArrayList<>(run.size()));
        List<RequestLog.Entry> entries = new ArrayList<>(run.size());
        List<Decision> decisions = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            if (applied.accepted(i)) {
                entries.add(run.get(i).accepted(applied.ids()[i]));
                decisions.add(Decision.acceptedAndLogged(applied.ids()[i], null));
            } else {
                entries.add(run.get(i).rejected());
                decisions.add(Decision.refusedAndLogged(List.of(applied.refusals().get(i).orElseThrow())));
            }
        }
        write(applied, entries, transition);
        return decisions;
    }

    /**
     * Commands that each ask the transition of several accounts ({@code account.suspend-many.v1}): every account has
     * its own outcome event, as if asked alone, and the command one log entry — accepted, whatever became of its
     * accounts, so that a redelivery is recognised and applies nothing again. A command whose list is unusable (empty,
     * too long, a null entry) is refused as a whole.
     *
     * @param accountsOf the command's accounts, or the problem that makes the command unusable
     */
    <P extends Payload> List<Decision> decideMany(List<Command<P>> run, AccountLifecycle.Transition transition,
            Function<Command<P>, Many> accountsOf) {
        Instant now = now();
        List<Envelope<?>> events = new ArrayList<>();
        List<Asked> asked = new ArrayList<>();
        List<RequestLog.Entry> entries = new ArrayList<>(run.size());
        List<Decision> decisions = new ArrayList<>(run.size());
        for (Command<P> command : run) {
            Many many = accountsOf.apply(command);
            if (many.unusable() != null) {
                events.add(command.rejection(List.of(many.unusable()), now));
                entries.add(command.rejected());
                decisions.add(Decision.refusedAndLogged(List.of(many.unusable())));
                continue;
            }
            asked.addAll(many.accounts());
            entries.add(command.accepted(null));
            decisions.add(Decision.acceptedAndLogged(null, null));
        }
        Applied applied = apply(asked, transition, now, events);
        write(applied, entries, transition);
        return decisions;
    }

    /** A batch command's accounts, or the problem that makes it unusable as a whole. */
    record Many(List<Asked> accounts, FieldProblem unusable) {

        static Many of(List<Asked> accounts) {
            return new Many(accounts, null);
        }

        static Many refused(FieldProblem problem) {
            return new Many(List.of(), problem);
        }
    }

    private Instant now() {
        // The instant of the outcomes, and the one the changed accounts' new status begins at: the scheduler takes
        // it from the event's occurredAt into its commands' premises, which are checked against it (to the
        // microsecond, as PostgreSQL keeps it, so that the event and the row say the same instant).
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The transitions asked, in order, each decided as if alone: the accounts changed in one UPDATE, the others
     * refused or, changed concurrently, changed on their own under their lock. Each outcome event is added to
     * {@code events}.
     */
    private Applied apply(List<Asked> asked, AccountLifecycle.Transition transition, Instant now,
            List<Envelope<?>> events) {
        UUID[] ids = new UUID[asked.size()];
        Map<UUID, AccountRepository.Wanted> wanted = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            ids[i] = uuid(asked.get(i).accountId());
            if (ids[i] != null) {
                // an id asked for in two workspaces: only one can be its own, the other is refused below as not found
                wanted.putIfAbsent(ids[i], new AccountRepository.Wanted(asked.get(i).command().workspaceId(),
                        asked.get(i).premise()));
            }
        }
        Map<UUID, AccountRepository.Changed> changed = wanted.isEmpty() ? Map.of()
                : accounts.transitionAll(wanted, transition.target, AccountLifecycle.allowedFrom(transition), now);
        // The first command about a changed account (in its workspace) is the one that changed it; every other one
        // is decided against the account as it is now, locked.
        boolean[] changer = new boolean[asked.size()];
        Map<UUID, Integer> changedBy = new HashMap<>();
        List<UUID> rest = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            AccountRepository.Changed change = ids[i] == null ? null : changed.get(ids[i]);
            if (change != null && change.workspaceId().equals(asked.get(i).command().workspaceId())
                    && changedBy.putIfAbsent(ids[i], i) == null) {
                changer[i] = true;
            } else if (ids[i] != null) {
                rest.add(ids[i]);
            }
        }
        Map<UUID, AccountRepository.Current> current = rest.isEmpty() ? new HashMap<>() : accounts.lockAll(rest);

        List<Optional<FieldProblem>> refusals = new ArrayList<>(asked.size());
        List<UUID> ended = new ArrayList<>();
        Map<String, Integer> licencesGivenBack = new TreeMap<>();
        for (int i = 0; i < asked.size(); i++) {
            Asked one = asked.get(i);
            Command<?> command = one.command();
            AccountType type;
            AccountStatus from;
            if (changer[i]) {
                type = changed.get(ids[i]).type();
                from = changed.get(ids[i]).from();
            } else {
                Optional<FieldProblem> refusal = refusal(one, ids[i] == null ? null : current.get(ids[i]),
                        transition);
                if (refusal.isPresent()) {
                    events.add(command.answer(new AccountRequestRejected(command.envelope().type(),
                            EnvelopeCheck.printable(one.accountId()), List.of(refusal.get())), now));
                    refusals.add(refusal);
                    continue;
                }
                // Allowed now though the UPDATE did not change it: a concurrent transaction changed its status
                // between the two statements. It is locked now; changed on its own.
                AccountRepository.Current account = current.get(ids[i]);
                type = account.type();
                from = account.status();
                accounts.updateStatus(ids[i], transition.target, now);
                current.put(ids[i], account.withStatus(transition.target, now));
            }
            UUID id = ids[i];
            if (type == AccountType.USER && transition.target == AccountStatus.CLOSED) {
                licencesGivenBack.merge(command.workspaceId(), 1, Integer::sum);
            }
            if (transition.target != AccountStatus.ACTIVE) {
                ended.add(id);
            }
            events.add(command.answer(new AccountStatusChanged(id.toString(), from, transition.target, one.reason()),
                    now));
            refusals.add(Optional.empty());
        }
        licencesGivenBack.forEach((workspaceId, n) -> accounts.adjustLicences(workspaceId, -n));
        return new Applied(events, ended, refusals, ids);
    }

    /** Why the transition is refused for the account as it is now (locked; null: none in any workspace). */
    private static Optional<FieldProblem> refusal(Asked asked, AccountRepository.Current account,
            AccountLifecycle.Transition transition) {
        if (account == null || !account.workspaceId().equals(asked.command().workspaceId())) {
            return Optional.of(TransitionHandler.notFound(asked.accountId()));
        }
        Optional<String> illegal = AccountLifecycle.refusal(account.type(), account.status(), transition);
        if (illegal.isPresent()) {
            return Optional.of(new FieldProblem("status", "illegal_transition", illegal.get()));
        }
        return asked.premise().refusal(account.facts());
    }

    /** The events, the sessions ended and the request log, in one statement. */
    private void write(Applied applied, List<RequestLog.Entry> entries, AccountLifecycle.Transition transition) {
        List<Outbox.Insert> statements = new ArrayList<>(3);
        if (!applied.events().isEmpty()) {
            statements.add(outbox.insertAllOf(applied.events()));
        }
        if (!applied.ended().isEmpty()) {
            statements.add(sessions.endAllOf(applied.ended(), SessionEnd.accountNow(transition.target)));
        }
        statements.add(log.insertAllOf(entries));
        accounts.writeAll(statements);
    }

    private static UUID uuid(String accountId) {
        try {
            return UUID.fromString(accountId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
