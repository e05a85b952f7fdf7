package io.roster.importer.job;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.account.AccountCommand;
import io.roster.contracts.imports.ImportCompleted;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.importer.ImportProperties;
import io.roster.importer.apply.CommandSender;
import io.roster.importer.file.FailedRow.RowError;
import io.roster.importer.file.FileWarning;
import io.roster.importer.file.ImportFile;
import io.roster.importer.file.ImportFileException;
import io.roster.importer.file.SheetRow;
import io.roster.importer.projection.KnownAccounts;
import io.roster.importer.projection.Workspaces;
import io.roster.importer.rows.ImportRows;
import io.roster.importer.upload.FileStore;
import io.roster.importer.validation.RowValidator;
import io.roster.importer.validation.RowVerdict;
import io.roster.importer.validation.SetWiseChecks;
import io.roster.messaging.Outbox;
import io.roster.importer.ImportClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One slice of a claimed job, whatever its phase; each slice commits its work and its checkpoint together, so a
 * job killed at any point resumes from its last slice, nothing read twice, no command sent twice.
 */
@Component("importerJobSteps")
class JobSteps {

    /** The longest a job waiting for its workspace's facts sleeps between two looks. */
    static final Duration WORKSPACE_RETRY_MAX = Duration.ofSeconds(5);
    /** The fewest rows of a slice checked in parallel. */
    private static final int PARALLEL_CHECKS = 500;

    private final JobRepository jobs;
    private final ImportRows rows;
    private final OpenFiles files;
    private final FileStore store;
    private final Workspaces workspaces;
    private final KnownAccounts accounts;
    private final SetWiseChecks checks;
    private final Outbox outbox;
    private final CommandSender sender;
    private final TransactionTemplate transactions;
    private final ImportProperties properties;
    private final ImportClock clock;

    JobSteps(JobRepository jobs, ImportRows rows, OpenFiles files, FileStore store, Workspaces workspaces,
            KnownAccounts accounts, SetWiseChecks checks, @Qualifier("importerOutbox") Outbox outbox,
            CommandSender sender, TransactionTemplate transactions, ImportProperties properties, ImportClock clock) {
        this.jobs = jobs;
        this.rows = rows;
        this.files = files;
        this.store = store;
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.checks = checks;
        this.outbox = outbox;
        this.sender = sender;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return whether the slice did anything (an idle worker waits before claiming again) */
    boolean run(ImportJob job) {
        return switch (job.phase()) {
            case READING -> read(job);
            case CHECKING -> check(job);
            case APPLYING -> apply(job);
            case AWAITING_OUTCOMES -> awaitOutcomes(job);
            case COMPLETED, FAILED -> false;
        };
    }

    private boolean read(ImportJob job) {
        Optional<WorkspaceFacts> facts = workspaces.facts(job.workspaceId());
        if (facts.isEmpty()) {
            return awaitWorkspace(job);
        }
        try {
            ImportFile file = files.at(job);
            List<SheetRow> read = new ArrayList<>(properties.sliceRows());
            long consumed = job.rowsConsumed();
            boolean end = false;
            var rules = facts.get().rules(clock.instant());
            while (read.size() < properties.sliceRows()) {
                SheetRow row = file.next();
                if (row == null) {
                    end = true;
                    break;
                }
                consumed++;
                read.add(row);
            }
            // The file is read in order on this thread; each row's checks stand alone (pure functions of the row and
            // the workspace's rules), so a large slice's run on every core: they are most of its CPU time. A small
            // slice's would wait longer for the pool's threads than they take.
            var stream = read.size() >= PARALLEL_CHECKS ? read.parallelStream() : read.stream();
            List<RowVerdict> verdicts = stream.map(row -> RowValidator.check(job.template(), row, rules)).toList();
            long valid = verdicts.stream().filter(RowVerdict::valid).count();
            long position = consumed;
            boolean finished = end;
            List<FileWarning> warnings = file.warnings();
            long bytes = file.bytesRead();
            transactions.executeWithoutResult(status -> {
                // the checkpoint first: it fails, and rolls back, if another instance moved it meanwhile
                jobs.readSlice(job.id(), job.rowsConsumed(), position, bytes, verdicts.size(), valid,
                        verdicts.size() - valid);
                rows.insert(job.id(), job.cellColumns(), verdicts);
                if (job.rowsConsumed() == 0) {
                    jobs.warnings(job.id(), warnings);
                }
                if (finished) {
                    jobs.phase(job.id(), JobPhase.CHECKING);
                    store.delete(job.id());
                }
            });
            if (finished) {
                files.close(job.id());
            } else {
                files.advanced(job.id(), position);
            }
            return true;
        } catch (ImportFileException e) {
            files.close(job.id());
            fail(job, e.code(), e.getMessage());
            return true;
        } catch (RuntimeException e) {
            // where the reader stands is no longer known: the next slice reopens at the checkpoint
            files.close(job.id());
            throw e;
        }
    }

    /**
     * A workspace created a moment before the upload may not have reached {@code roster.workspaces}' listener yet:
     * the job is put back, untouched, for a while growing with the wait (the idle poll, doubling, at most
     * {@link #WORKSPACE_RETRY_MAX}), and fails only after {@code roster.import.workspace-wait}.
     */
    private boolean awaitWorkspace(ImportJob job) {
        Instant now = clock.instant();
        Duration waited = Duration.between(job.createdAt(), now);
        if (waited.compareTo(properties.workspaceWait()) >= 0) {
            fail(job, "workspace_unknown", "the workspace's settings did not reach the importer within "
                    + properties.workspaceWait().toSeconds() + " s of the upload: check that the workspace exists,"
                    + " then import the file again");
            return true;
        }
        Duration retry = waited.compareTo(properties.idlePoll()) < 0 ? properties.idlePoll() : waited;
        jobs.deferUntil(job.id(), now.plus(retry.compareTo(WORKSPACE_RETRY_MAX) > 0 ? WORKSPACE_RETRY_MAX : retry));
        return false;
    }

    private boolean check(ImportJob job) {
        long licences = workspaces.facts(job.workspaceId()).map(WorkspaceFacts::licenceCount).orElse(0);
        transactions.executeWithoutResult(status -> {
            long free = Math.max(0, licences - accounts.licencesUsed(job.workspaceId()));
            long over = checks.run(job.id(), job.workspaceId(), job.template(), job.cellColumns(), free);
            long valid = rows.count(job.id(), "VALID");
            long invalid = rows.count(job.id(), "INVALID");
            List<FileWarning> warnings = new ArrayList<>(job.warnings());
            if (over > 0) {
                warnings.add(new FileWarning("licences_exceeded", "the file's users need " + over
                        + " licences more than the workspace has left: the rows beyond them are refused"));
            }
            JobPhase next;
            if (job.mode() == ImportMode.DRY_RUN) {
                next = JobPhase.COMPLETED;
            } else if (job.atomic() && invalid > 0) {
                warnings.add(new FileWarning("atomic_nothing_applied", invalid + " rows are invalid and the import"
                        + " is atomic: no account was created; fix the rows and import the file again"));
                next = JobPhase.COMPLETED;
            } else {
                next = JobPhase.APPLYING;
            }
            jobs.warnings(job.id(), warnings);
            jobs.checked(job.id(), valid, invalid, next);
            if (next == JobPhase.COMPLETED) {
                complete(job.id(), JobPhase.COMPLETED, null, null);
            }
        });
        return true;
    }

    /**
     * The next slice's commands, sent straight to Kafka and acknowledged before its checkpoint moves (see
     * {@link CommandSender}): rows answered already by an earlier, interrupted attempt are sent again with the others
     * (answered as repeated), so that the slice counts the same whatever happened before.
     */
    private boolean apply(ImportJob job) {
        List<ImportRows.StoredRow> slice = rows.toApply(job.id(), job.cellColumns(), job.appliedThrough(),
                properties.sliceRows());
        if (slice.isEmpty()) {
            transactions.executeWithoutResult(status -> jobs.phase(job.id(), JobPhase.AWAITING_OUTCOMES));
            return true;
        }
        Actor actor = new Actor(Actor.Kind.IMPORT, job.id().toString(), job.clientIp());
        List<Envelope<?>> commands = new ArrayList<>(slice.size());
        for (ImportRows.StoredRow row : slice) {
            AccountCommand command = RowValidator.command(job.template(), row.cells());
            commands.add(new Envelope<>(UUID.randomUUID(), MessageType.of(command).typeName(), clock.instant(),
                    job.workspaceId(), row.requestId().toString(), actor, command));
        }
        Map<Integer, String> refused = sender.sendAll(commands);
        long last = slice.get(slice.size() - 1).row();
        transactions.executeWithoutResult(status -> {
            // the checkpoint first: it fails, and rolls back, if another instance moved it meanwhile
            jobs.appliedSlice(job.id(), job.appliedThrough(), last, slice.size());
            refused.forEach((index, reason) -> {
                ImportRows.StoredRow row = slice.get(index);
                rows.rejected(new ImportRows.Outcome(job.id(), row.row(), row.cells(), job.template()),
                        List.of(new RowError(null, "not_sent", "the row could not be sent to invite-service ("
                                + reason + "): shorten its longest cells and import it again")));
            });
            if (!refused.isEmpty()) {
                jobs.outcome(job.id(), 0, refused.size());
            }
        });
        return true;
    }

    private boolean awaitOutcomes(ImportJob job) {
        if (job.accountsCreated() + job.rowsFailed() < job.rowsApplied()) {
            return false;
        }
        transactions.executeWithoutResult(status -> complete(job.id(), JobPhase.COMPLETED, null, null));
        return true;
    }

    private void fail(ImportJob job, String code, String message) {
        transactions.executeWithoutResult(status -> {
            store.delete(job.id());
            complete(job.id(), JobPhase.FAILED, code, message);
        });
    }

    /** The job's end and its {@code import.completed.v1}, in one transaction. */
    private void complete(UUID jobId, JobPhase phase, String code, String message) {
        jobs.finish(jobId, phase, code, message, clock.instant());
        ImportJob job = jobs.find(jobId).orElseThrow();
        ImportCompleted completed = new ImportCompleted(job.id().toString(), job.template(),
                ImportCompleted.Mode.valueOf(job.mode().name()), job.fileName(),
                phase == JobPhase.FAILED ? ImportCompleted.Outcome.FAILED : ImportCompleted.Outcome.COMPLETED,
                job.rowsRead(), job.rowsValid(), job.rowsInvalid(), job.accountsCreated(), job.rowsFailed(),
                message);
        outbox.publish(new Envelope<>(UUID.randomUUID(), MessageType.of(completed).typeName(), clock.instant(),
                job.workspaceId(), job.id().toString(), new Actor(Actor.Kind.ADMIN, job.actorId(), job.clientIp()),
                completed));
    }
}
