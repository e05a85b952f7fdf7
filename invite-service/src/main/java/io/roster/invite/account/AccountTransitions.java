package io.roster.invite.account;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
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
 * sends arrives as polls of hundreds of {@code account.suspend.v1}: one UPDATE changes every account the transition
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

    <P extends Payload> List<Decision> decideAll(List<Command<P>> run, AccountLifecycle.Transition transition,
            Function<P, String> accountIdOf, Function<P, String> reasonOf, Function<P, Premise> premiseOf) {
        UUID[] ids = new UUID[run.size()];
        Map<UUID, AccountRepository.Wanted> wanted = new LinkedHashMap<>();
        for (int i = 0; i < run.size(); i++) {
            ids[i] = uuid(accountIdOf.apply(run.get(i).payload()));
            if (ids[i] != null) {
                // an id asked for in two workspaces: only one can be its own, the other is refused below as not found
                wanted.putIfAbsent(ids[i], new AccountRepository.Wanted(run.get(i).workspaceId(),
                        premiseOf.apply(run.get(i).payload())));
            }
        }
        // The instant of the outcomes, and the one the changed accounts' new status begins at: the scheduler takes
        // it from the event's occurredAt into its commands' premises, which are checked against it (to the
        // microsecond, as PostgreSQL keeps it, so that the event and the row say the same instant).
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<UUID, AccountRepository.Changed> changed = wanted.isEmpty() ? Map.of()
                : accounts.transitionAll(wanted, transition.target, AccountLifecycle.allowedFrom(transition), now);
        // The first command about a changed account (in its workspace) is the one that changed it; every other one
        // is decided against the account as it is now, locked.
        boolean[] changer = new boolean[run.size()];
        Map<UUID, Integer> changedBy = new HashMap<>();
        List<UUID> rest = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            AccountRepository.Changed change = ids[i] == null ? null : changed.get(ids[i]);
            if (change != null && change.workspaceId().equals(run.get(i).workspaceId())
                    && changedBy.putIfAbsent(ids[i], i) == null) {
                changer[i] = true;
            } else if (ids[i] != null) {
                rest.add(ids[i]);
            }
        }
        Map<UUID, AccountRepository.Current> current = rest.isEmpty() ? new HashMap<>() : accounts.lockAll(rest);

        List<Envelope<?>> events = new ArrayList<>(run.size());
        List<RequestLog.Entry> entries = new ArrayList<>(run.size());
        List<Decision> decisions = new ArrayList<>(run.size());
        List<UUID> ended = new ArrayList<>();
        Map<String, Integer> licencesGivenBack = new TreeMap<>();
        for (int i = 0; i < run.size(); i++) {
            Command<P> command = run.get(i);
            AccountType type;
            AccountStatus from;
            if (changer[i]) {
                type = changed.get(ids[i]).type();
                from = changed.get(ids[i]).from();
            } else {
                AccountRepository.Current account = ids[i] == null ? null : current.get(ids[i]);
                if (account == null || !account.workspaceId().equals(command.workspaceId())) {
                    refuse(command, TransitionHandler.notFound(accountIdOf.apply(command.payload())), now, events,
                            entries, decisions);
                    continue;
                }
                Optional<String> refusal = AccountLifecycle.refusal(account.type(), account.status(), transition);
                if (refusal.isPresent()) {
                    refuse(command, new FieldProblem("status", "illegal_transition", refusal.get()), now, events,
                            entries, decisions);
                    continue;
                }
                Optional<FieldProblem> premiseGone = premiseOf.apply(command.payload()).refusal(account.facts());
                if (premiseGone.isPresent()) {
                    refuse(command, premiseGone.get(), now, events, entries, decisions);
                    continue;
                }
                // Allowed now though the UPDATE did not change it: a concurrent transaction changed its status
                // between the two statements. It is locked now; changed on its own.
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
            events.add(command.answer(new AccountStatusChanged(id.toString(), from, transition.target,
                    reasonOf.apply(command.payload())), now));
            entries.add(command.accepted(id));
            decisions.add(Decision.acceptedAndLogged(id, null));
        }
        licencesGivenBack.forEach((workspaceId, n) -> accounts.adjustLicences(workspaceId, -n));
        List<Outbox.Insert> statements = new ArrayList<>(3);
        statements.add(outbox.insertAllOf(events));
        if (!ended.isEmpty()) {
            statements.add(sessions.endAllOf(ended, SessionEnd.accountNow(transition.target)));
        }
        statements.add(log.insertAllOf(entries));
        accounts.writeAll(statements);
        return decisions;
    }

    private static <P extends Payload> void refuse(Command<P> command, FieldProblem problem, Instant now,
            List<Envelope<?>> events, List<RequestLog.Entry> entries, List<Decision> decisions) {
        events.add(command.rejection(List.of(problem), now));
        entries.add(command.rejected());
        decisions.add(Decision.refusedAndLogged(List.of(problem)));
    }

    private static UUID uuid(String accountId) {
        try {
            return UUID.fromString(accountId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
