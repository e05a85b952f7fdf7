package io.roster.invite.pipeline;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCheck;
import io.roster.contracts.MalformedCommand;
import io.roster.contracts.Payload;
import io.roster.contracts.account.FieldProblem;
import io.roster.invite.workspace.Workspace;
import io.roster.invite.workspace.WorkspaceRepository;
import io.roster.messaging.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out commands, whatever their transport, in one transaction each (or one per Kafka poll): skips a request
 * id handled before (and refuses another request under it), finds the workspace, hands the command to the handler
 * of its payload type, then publishes the outcome through the outbox and logs the request id — the state change, the
 * event and the log entry commit together.
 */
@Service
public class CommandPipeline {

    private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();
    private final WorkspaceRepository workspaces;
    private final RequestLog log;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionTemplate transactions;

    CommandPipeline(List<CommandHandler<?>> handlers, WorkspaceRepository workspaces, RequestLog log,
            @Qualifier("inviteOutbox") Outbox outbox, @Qualifier("inviteClock") Clock clock,
            PlatformTransactionManager transactionManager) {
        for (CommandHandler<?> handler : handlers) {
            CommandHandler<?> other = this.handlers.put(handler.payloadType(), handler);
            if (other != null) {
                throw new IllegalStateException(handler.payloadType().getSimpleName() + " has two handlers: "
                        + other.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.workspaces = workspaces;
        this.log = log;
        this.outbox = outbox;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Whether the request id is looked up in the log before the command is decided. */
    private enum RequestIdCheck {
        LOOKED_UP,
        /** The caller made the id up just now: no request can have used it before. */
        NEW,
        /**
         * Not looked up: the log's primary key refuses an id used before when the run logs its outcomes, and the run
         * is then decided again {@link #LOOKED_UP} ({@link ConflictCheck#CAUGHT_ON_WRITE}).
         */
        CAUGHT_ON_WRITE
    }

    /** A Kafka command on its own: a rejection is published and logged too. */
    public Outcome handle(Envelope<? extends Payload> command) {
        return handleOne(command, Reply.AS_EVENTS, RequestIdCheck.LOOKED_UP);
    }

    /**
     * An HTTP request whose client chose its id ({@code Idempotency-Key}, an invitation's link): a refusal is answered
     * and writes nothing; a replay of the same request is answered as repeated, another request under the id refused.
     * In a transaction of its own, or in the caller's if one is open (which then commits it).
     */
    public Outcome answer(Envelope<? extends Payload> request) {
        return handleOne(request, Reply.IN_RESPONSE, RequestIdCheck.LOOKED_UP);
    }

    /** An HTTP request whose id was assigned just now (no {@code Idempotency-Key}): as {@link #answer}, no look-up. */
    public Outcome answerNew(Envelope<? extends Payload> request) {
        return handleOne(request, Reply.IN_RESPONSE, RequestIdCheck.NEW);
    }

    private Outcome handleOne(Envelope<? extends Payload> command, Reply reply, RequestIdCheck check) {
        try {
            return transactions.execute(tx -> {
                Outcome outcome = decide(List.of(command), reply, check, tx).get(0);
                if (reply == Reply.IN_RESPONSE && outcome.kind() == Outcome.Kind.REFUSED) {
                    tx.setRollbackOnly();
                }
                return outcome;
            });
        } catch (RuntimeException e) {
            CommandHandler<?> handler = handlers.get(command.payload().getClass());
            Optional<List<FieldProblem>> refusal = reply == Reply.IN_RESPONSE && handler != null
                    ? handler.refusalAtCommit(e) : Optional.empty();
            return refusal.map(Outcome::refused).orElseThrow(() -> e);
        }
    }

    /**
     * A poll's worth of Kafka commands in one transaction — one commit — with a savepoint per command, and runs of
     * consecutive commands of a {@link SetWiseCommandHandler} decided set-wise. Returns the index of the first record
     * that could not be decoded, after committing everything before it; -1 when all were handled. A command that
     * fails is thrown as a {@link BatchFailure} naming its index, the ones before it committed: the caller hands that
     * record to the error handler, so nothing before it is redone and nothing after it is lost.
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
                int end = runEnd(commands, i);
                if (end - i > 1 && decidedSetWise(commands.subList(i, end), tx)) {
                    i = end;
                    continue;
                }
                for (end = Math.max(end, i + 1); i < end; i++) {
                    Object savepoint = tx.createSavepoint();
                    try {
                        decide(List.of(commands.get(i)), Reply.AS_EVENTS, RequestIdCheck.LOOKED_UP, tx);
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
     * Decides a run set-wise in a savepoint: first with its conflicts caught on write if its handler allows it, then
     * looked up if a unique key refused that (a redelivered poll, a key taken: the run's work is done twice, which
     * the look-ups saved on every other run pay for). False when it failed and was undone: it is then done again one
     * command at a time, which finds the command that fails.
     */
    private boolean decidedSetWise(List<Envelope<Payload>> run, TransactionStatus tx) {
        if (firstCheck(run) == RequestIdCheck.CAUGHT_ON_WRITE) {
            Object savepoint = tx.createSavepoint();
            try {
                decide(run, Reply.AS_EVENTS, RequestIdCheck.CAUGHT_ON_WRITE, tx);
                tx.releaseSavepoint(savepoint);
                return true;
            } catch (DuplicateKeyException conflict) {
                // a request id handled before, or a key taken: decided again below with the look-ups
                tx.rollbackToSavepoint(savepoint);
            } catch (RuntimeException e) {
                tx.rollbackToSavepoint(savepoint);
                return false;
            }
        }
        Object savepoint = tx.createSavepoint();
        try {
            decide(run, Reply.AS_EVENTS, RequestIdCheck.LOOKED_UP, tx);
            tx.releaseSavepoint(savepoint);
            return true;
        } catch (RuntimeException e) {
            tx.rollbackToSavepoint(savepoint);
            return false;
        }
    }

    private RequestIdCheck firstCheck(List<Envelope<Payload>> run) {
        if (handlers.get(run.get(0).payload().getClass()) instanceof SetWiseCommandHandler<?> setWise
                && setWise.firstCheck() == ConflictCheck.CAUGHT_ON_WRITE) {
            return RequestIdCheck.CAUGHT_ON_WRITE;
        }
        return RequestIdCheck.LOOKED_UP;
    }

    /** The end (exclusive) of the run from {@code start}: consecutive commands of one set-wise handler. */
    private int runEnd(List<Envelope<Payload>> commands, int start) {
        Class<?> type = commands.get(start).payload().getClass();
        if (!(handlers.get(type) instanceof SetWiseCommandHandler<?>)) {
            return start + 1;
        }
        int end = start + 1;
        while (end < commands.size() && commands.get(end) != null && commands.get(end).payload().getClass() == type) {
            end++;
        }
        return end;
    }

    /** Decides a run of commands of one payload type (one, unless its handler is set-wise), in order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Outcome> decide(List<? extends Envelope<? extends Payload>> received, Reply reply,
            RequestIdCheck check, TransactionStatus tx) {
        CommandHandler handler = handlers.get(received.get(0).payload().getClass());
        // Ids PostgreSQL cannot take (NUL) or that no one has are answered under their printable form, looked up and
        // logged as such, so a redelivery is still recognised.
        List<List<FieldProblem>> unusableIds = new ArrayList<>(received.size());
        List<Envelope<? extends Payload>> run = new ArrayList<>(received.size());
        for (Envelope<? extends Payload> command : received) {
            List<FieldProblem> problems = EnvelopeCheck.problems(command);
            unusableIds.add(problems);
            run.add(problems.isEmpty() ? command : EnvelopeCheck.printable(command));
        }
        Outcome[] outcomes = new Outcome[run.size()];
        Map<String, RequestLog.Handled> handled = handled(run, check);
        Map<String, Integer> firstOfId = new HashMap<>();
        byte[][] fingerprints = new byte[run.size()][];
        List<Integer> toDecide = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            Envelope<? extends Payload> command = run.get(i);
            fingerprints[i] = Fingerprints.of(command);
            String key = RequestLog.key(command.workspaceId(), command.requestId());
            RequestLog.Handled before = handled.get(key);
            Integer earlier = firstOfId.putIfAbsent(key, i);
            if (before != null) {
                outcomes[i] = before.sameRequestAs(fingerprints[i]) ? Outcome.repeated(before)
                        : conflict(command, reply);
            } else if (earlier != null) {
                // the same request id twice in one run: the second is a replay of the first, decided below
                outcomes[i] = Arrays.equals(fingerprints[earlier], fingerprints[i]) ? null : conflict(command, reply);
            } else {
                toDecide.add(i);
            }
        }
        WorkspaceAccess access = handler == null ? WorkspaceAccess.COUNTED_LATE : handler.workspaceAccess();
        Map<String, Optional<Workspace>> known = new LinkedHashMap<>();
        List<Command> commands = new ArrayList<>(toDecide.size());
        List<Integer> commandIndexes = new ArrayList<>(toDecide.size());
        for (int i : toDecide) {
            Envelope<? extends Payload> command = run.get(i);
            if (!unusableIds.get(i).isEmpty()) {
                outcomes[i] = refuse(command, fingerprints[i], reply, unusableIds.get(i));
                continue;
            }
            if (command.payload() instanceof MalformedCommand malformed) {
                // fields of the wrong JSON type, refused by EnvelopeCodec: the sender can correct them
                outcomes[i] = refuse(command, fingerprints[i], reply, malformed.problems());
                continue;
            }
            Optional<Workspace> workspace = known.computeIfAbsent(command.workspaceId(),
                    id -> access == WorkspaceAccess.LOCKED ? workspaces.lock(id) : workspaces.find(id));
            if (workspace.isEmpty()) {
                outcomes[i] = refuse(command, fingerprints[i], reply, List.of(new FieldProblem(null,
                        "workspace_unknown", "workspace '" + command.workspaceId() + "' does not exist")));
            } else if (handler == null) {
                outcomes[i] = refuse(command, fingerprints[i], reply, List.of(new FieldProblem(null, "unsupported",
                        command.type() + " is not handled by this version of invite-service")));
            } else {
                commands.add(new Command(command, workspace.get(), reply, fingerprints[i]));
                commandIndexes.add(i);
            }
        }
        if (!commands.isEmpty()) {
            List<Outcome> decided = handler instanceof SetWiseCommandHandler setWise
                    ? decideSetWise(setWise, commands, check == RequestIdCheck.CAUGHT_ON_WRITE
                            ? ConflictCheck.CAUGHT_ON_WRITE : ConflictCheck.LOOKED_UP, tx)
                    : List.of(decideOne(handler, commands.get(0), reply, tx));
            for (int k = 0; k < decided.size(); k++) {
                outcomes[commandIndexes.get(k)] = decided.get(k);
            }
        }
        for (int i = 0; i < run.size(); i++) {
            if (outcomes[i] == null) {
                Outcome first = outcomes[firstOfId.get(RequestLog.key(run.get(i).workspaceId(),
                        run.get(i).requestId()))];
                outcomes[i] = Outcome.repeated(new RequestLog.Handled(first.accepted(), first.accountId(), null));
            }
        }
        return Arrays.asList(outcomes);
    }

    private Map<String, RequestLog.Handled> handled(List<? extends Envelope<? extends Payload>> run,
            RequestIdCheck check) {
        if (check != RequestIdCheck.LOOKED_UP) {
            return Map.of();
        }
        if (run.size() == 1) {
            Envelope<? extends Payload> command = run.get(0);
            return log.find(command.workspaceId(), command.requestId())
                    .map(h -> Map.of(RequestLog.key(command.workspaceId(), command.requestId()), h))
                    .orElse(Map.of());
        }
        List<String> workspaceIds = new ArrayList<>(run.size());
        List<String> requestIds = new ArrayList<>(run.size());
        run.forEach(c -> {
            workspaceIds.add(c.workspaceId());
            requestIds.add(c.requestId());
        });
        return log.findAll(workspaceIds, requestIds);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Outcome> decideSetWise(SetWiseCommandHandler handler, List<Command> commands, ConflictCheck check,
            TransactionStatus tx) {
        Object savepoint = tx.createSavepoint();
        List<Decision> decisions;
        try {
            decisions = handler.decideAll(commands, check);
        } catch (DecideAgainUnderLock stale) {
            tx.rollbackToSavepoint(savepoint);
            Map<String, Workspace> locked = new HashMap<>();
            new TreeSet<>(commands.stream().map(Command::workspaceId).toList())
                    .forEach(id -> locked.put(id, workspaces.lock(id).orElseThrow()));
            decisions = handler.decideAll(commands.stream().map(c -> c.in(locked.get(c.workspaceId()))).toList(),
                    check);
        }
        tx.releaseSavepoint(savepoint);
        List<Outcome> outcomes = new ArrayList<>(decisions.size());
        for (int k = 0; k < decisions.size(); k++) {
            outcomes.add(settle(commands.get(k), decisions.get(k), null, tx));
        }
        return outcomes;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Outcome decideOne(CommandHandler handler, Command command, Reply reply, TransactionStatus tx) {
        // A handler that counts late may refuse after writing: on Kafka its writes are undone back to here and its
        // rejection is logged; over HTTP the whole transaction is rolled back.
        Object savepoint = handler.workspaceAccess() == WorkspaceAccess.COUNTED_LATE && reply == Reply.AS_EVENTS
                ? tx.createSavepoint() : null;
        Decision decision = handler.decide(command);
        return settle(command, decision, savepoint, tx);
    }

    /** Publishes and logs what the handler left to the pipeline. */
    private Outcome settle(Command<?> command, Decision decision, Object savepoint, TransactionStatus tx) {
        if (!decision.isAccepted()) {
            if (decision.bookkeeping() == Decision.Bookkeeping.BY_THE_PIPELINE) {
                if (savepoint != null) {
                    tx.rollbackToSavepoint(savepoint);
                }
                return refuse(command.envelope(), command.fingerprint(), command.reply(),
                        decision.problems());
            }
            return Outcome.refused(decision.problems());
        }
        if (decision.bookkeeping() == Decision.Bookkeeping.BY_THE_PIPELINE) {
            if (decision.event() != null) {
                outbox.publish(command.answer(decision.event(), clock.instant()));
            }
            log.record(command.accepted(decision.accountId()));
        }
        return Outcome.accepted(decision.accountId(), decision.result());
    }

    /**
     * A refusal. Published and logged for a Kafka command; nothing is written for an HTTP request, whose caller gets
     * the problems (its transaction is rolled back: a handler that counts late may have written meanwhile).
     */
    private Outcome refuse(Envelope<? extends Payload> command, byte[] fingerprint, Reply reply,
            List<FieldProblem> problems) {
        if (reply == Reply.AS_EVENTS) {
            Command<?> refused = new Command<>(command, null, reply, fingerprint);
            outbox.publish(refused.rejection(problems, clock.instant()));
            log.record(refused.rejected());
        }
        return Outcome.refused(problems);
    }

    /**
     * Another request under a request id already used: refused, and nothing else happens — the log keeps the first
     * request. Its rejection's event id derives from the command's, so a redelivery publishes the same event again,
     * which consumers drop as a duplicate.
     */
    private Outcome conflict(Envelope<? extends Payload> command, Reply reply) {
        List<FieldProblem> problems = List.of(new FieldProblem("requestId", "request_id_conflict", "request id '"
                + command.requestId() + "' was used before for a different request; a replay must repeat that"
                + " request exactly, a new request needs a new id"));
        if (reply == Reply.AS_EVENTS) {
            var rejection = new Command<>(command, null, reply, null).rejection(problems, clock.instant());
            outbox.publish(new Envelope<>(UUID.nameUUIDFromBytes(("request_id_conflict:" + command.eventId())
                    .getBytes(StandardCharsets.UTF_8)), rejection.type(), rejection.occurredAt(),
                    rejection.workspaceId(), rejection.requestId(), rejection.actor(), rejection.payload()));
        }
        return Outcome.refused(problems);
    }
}
