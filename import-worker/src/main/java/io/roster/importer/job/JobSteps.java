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
import io.roster.importer.file.FailedRow;
import io.roster.importer.file.ImportFileException;
import io.roster.importer.file.SheetRow;
import io.roster.importer.projection.KnownAccounts;
import io.roster.importer.projection.Workspaces;
import io.roster.importer.rows.ImportRows;
import io.roster.importer.rows.ImportRows.KeptCells;
import io.roster.importer.rows.FileKeys;
import io.roster.importer.rows.RowKeySlices;
import io.roster.importer.validation.RowValidator;
import io.roster.importer.validation.RowVerdict;
import io.roster.importer.validation.SetWiseChecks;
import io.roster.messaging.Outbox;
import io.roster.importer.ImportClock;
import java.time.Duration;
import java.time.Instant;
import io.roster.contracts.account.TemplateColumn;
import io.roster.contracts.account.WorkspaceRules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One slice of a claimed job, whatever its phase; each slice commits its work and its checkpoint together, so a
 * job killed at any point resumes from its last slice, nothing read twice, no command sent twice.
 */
@Component("importerJobSteps")
class JobSteps implements JobSlices, DisposableBean {

    /** The longest a job waiting for its workspace's facts sleeps between two looks. */
    static final Duration WORKSPACE_RETRY_MAX = Duration.ofSeconds(5);
    /** Rows checked and encoded together, on one of {@link #checking}'s threads. */
    private static final int CHUNK_ROWS = 1000;
    /** Chunks read ahead of the one being written: enough to keep every core busy, few enough to bound the heap. */
    private static final int CHUNKS_AHEAD = 4;
    /**
     * A dry run's file is read again for its keys rather than every account of its workspace streamed when the
     * workspace has more than this many accounts per row of the file: checking a row again costs about as much as
     * streaming a few dozen accounts.
     */
    static final long ACCOUNTS_PER_ROW_READ_AGAIN = 40;

    private final JobRepository jobs;
    private final ImportRows rows;
    private final RowKeySlices keySlices;
    private final OpenFiles files;
    private final SpentFiles spentFiles;
    private final Workspaces workspaces;
    private final KnownAccounts accounts;
    private final SetWiseChecks checks;
    private final Outbox outbox;
    private final CommandSender sender;
    private final TransactionTemplate transactions;
    private final ImportProperties properties;
    private final ImportClock clock;
    /** The rows' checks, on every core, beside the reading threads (which mostly wait for PostgreSQL). */
    private final ExecutorService checking;

    JobSteps(JobRepository jobs, ImportRows rows, RowKeySlices keySlices, OpenFiles files, SpentFiles spentFiles,
            Workspaces workspaces,
            KnownAccounts accounts, SetWiseChecks checks, @Qualifier("importerOutbox") Outbox outbox,
            CommandSender sender, TransactionTemplate transactions, ImportProperties properties, ImportClock clock) {
        this.jobs = jobs;
        this.rows = rows;
        this.keySlices = keySlices;
        this.files = files;
        this.spentFiles = spentFiles;
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.checks = checks;
        this.outbox = outbox;
        this.sender = sender;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.checking = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
            Thread thread = new Thread(runnable, "import-checks-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        checking.shutdownNow();
    }

    @Override
    public boolean run(ImportJob job) {
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
            WorkspaceRules rules = facts.get().rules(clock.instant());
            SliceRead slice = transactions.execute(status -> readSlice(job, file, rules));
            if (slice.end()) {
                files.close(job.id());
                if (job.mode() == ImportMode.IMPORT) {
                    // its rows are stored: an import never reads its file again
                    spentFiles.drop(job.id());
                }
            } else {
                files.advanced(job.id(), slice.consumed());
            }
            return true;
        } catch (ImportFileException e) {
            files.close(job.id());
            fail(job, e.code(), e.getMessage());
            return true;
        } catch (UnreadableFile e) {
            files.close(job.id());
            fail(job, e.getCause().code(), e.getCause().getMessage());
            return true;
        } catch (RuntimeException e) {
            // where the reader stands is no longer known: the next slice reopens at the checkpoint
            files.close(job.id());
            throw e;
        }
    }

    private record SliceRead(long consumed, boolean end) {
    }

    /**
     * One slice, in its transaction, as a pipeline: this thread reads the file, chunk by chunk, and writes each
     * chunk to a COPY that PostgreSQL stores as it arrives, while the chunks' checks (pure functions of the row and
     * the workspace's rules, most of a slice's CPU) and their COPY text are made on {@link #checking}'s threads.
     * The checkpoint is locked first and moved last, with the counts.
     */
    private SliceRead readSlice(ImportJob job, ImportFile file, WorkspaceRules rules) {
        jobs.lockAt(job.id(), job.rowsConsumed());
        KeptCells kept = job.mode() == ImportMode.DRY_RUN ? KeptCells.INVALID_ROWS : KeptCells.ALL_ROWS;
        TemplateColumn[] columns = ImportRows.columns(job.template(), job.cellColumns());
        Deque<Future<ImportRows.Encoded>> pending = new ArrayDeque<>();
        List<ImportRows.ErrorLine> errors = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        int sliceRows = job.mode() == ImportMode.DRY_RUN ? properties.dryRunSliceRows() : properties.sliceRows();
        long read = 0;
        long valid = 0;
        boolean end = false;
        try (ImportRows.RowCopy copy = rows.startCopy()) {
            while (!end && read < sliceRows) {
                List<SheetRow> chunk = new ArrayList<>(CHUNK_ROWS);
                while (chunk.size() < CHUNK_ROWS && read < sliceRows) {
                    SheetRow row = next(file);
                    if (row == null) {
                        end = true;
                        break;
                    }
                    chunk.add(row);
                    read++;
                }
                if (!chunk.isEmpty()) {
                    pending.add(checking.submit(() -> ImportRows.encode(job.id(), columns,
                            chunk.stream().map(row -> RowValidator.check(job.template(), row, rules)).toList(), kept)));
                }
                while (!pending.isEmpty() && (pending.size() > CHUNKS_AHEAD || pending.peek().isDone())) {
                    valid += written(pending.poll(), copy, errors, keys);
                }
            }
            while (!pending.isEmpty()) {
                valid += written(pending.poll(), copy, errors, keys);
            }
            copy.finish();
        } finally {
            pending.forEach(future -> future.cancel(false));
        }
        rows.insertErrors(job.id(), errors);
        if (!keys.isEmpty()) {
            keySlices.insert(job.id(), job.rowsConsumed(), keys);
        }
        long consumed = job.rowsConsumed() + read;
        jobs.readSlice(job.id(), job.rowsConsumed(), consumed, file.bytesRead(), read, valid, read - valid);
        if (job.rowsConsumed() == 0) {
            jobs.warnings(job.id(), file.warnings());
        }
        if (end) {
            jobs.phase(job.id(), JobPhase.CHECKING);
            // an import's file is dropped once this commits; a dry run keeps it until its checks are done: the rows
            // they refuse have their cells read again
        }
        return new SliceRead(consumed, end);
    }

    /** Writes a chunk once checked; its number of valid rows. */
    private static long written(Future<ImportRows.Encoded> chunk, ImportRows.RowCopy copy,
            List<ImportRows.ErrorLine> errors, List<byte[]> keys) {
        ImportRows.Encoded encoded;
        try {
            encoded = chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a slice", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        copy.write(encoded);
        errors.addAll(encoded.errors());
        if (encoded.keys().length > 0) {
            keys.add(encoded.keys());
        }
        return encoded.valid();
    }

    private static SheetRow next(ImportFile file) {
        try {
            return file.next();
        } catch (ImportFileException e) {
            throw new UnreadableFile(e);
        }
    }

    /** The file can not be read on: carried out of the slice's transaction, which it rolls back. */
    private static final class UnreadableFile extends RuntimeException {
        UnreadableFile(ImportFileException cause) {
            super(cause);
        }

        @Override
        public synchronized ImportFileException getCause() {
            return (ImportFileException) super.getCause();
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
        Optional<WorkspaceFacts> facts = workspaces.facts(job.workspaceId());
        long licences = facts.map(WorkspaceFacts::licenceCount).orElse(0);
        transactions.executeWithoutResult(status -> {
            long free = Math.max(0, licences - accounts.licencesUsed(job.workspaceId()));
            if (job.mode() == ImportMode.DRY_RUN) {
                storeRowsTheChecksNeed(job, facts.orElseThrow(() -> new IllegalStateException(
                        "the workspace's facts are gone since the file was read")).rules(clock.instant()), free);
            }
            long over = checks.run(job.id(), job.workspaceId(), job.template(), job.cellColumns(), free);
            // a dry run stores only the rows the checks may refuse: the others are valid
            long invalid = rows.count(job.id(), "INVALID");
            long valid = job.rowsRead() - invalid;
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
            if (job.mode() == ImportMode.DRY_RUN) {
                readCellsAgain(job);
            }
            jobs.warnings(job.id(), warnings);
            jobs.checked(job.id(), valid, invalid, next);
            if (next == JobPhase.COMPLETED) {
                complete(job.id(), JobPhase.COMPLETED, null, null);
            }
        });
        if (job.mode() == ImportMode.DRY_RUN) {
            // the job is done: its file goes after, not in the job's time (an import's went at the end of its reading)
            spentFiles.drop(job.id());
        }
        return true;
    }

    /**
     * A dry run stored while reading only the rows a file-level check needs whatever the others (the invalid ones, a
     * contact's keys): of the others it kept their keys' hashes ({@link FileKeys}). Those sharing a key with another
     * row or an existing account, or needing a licence when the file's users could need more than are free, are
     * read again and stored, with their cells, so that the checks compare their keys themselves. A clean file
     * reads nothing again.
     */
    private void storeRowsTheChecksNeed(ImportJob job, WorkspaceRules rules, long licencesFree) {
        FileKeys keys = keySlices.load(job.id(), job.rowsRead());
        existingAccounts(job, rules, keys);
        long[] wanted = keys.rowsToStore(licencesFree);
        keySlices.delete(job.id());
        if (wanted.length == 0) {
            return;
        }
        TemplateColumn[] columns = ImportRows.columns(job.template(), job.cellColumns());
        List<SheetRow> batch = new ArrayList<>();
        try {
            files.fromStart(job, file -> {
                int next = 0;
                for (SheetRow row = file.next(); row != null && next < wanted.length; row = file.next()) {
                    if (row.row() != wanted[next]) {
                        continue;
                    }
                    batch.add(row);
                    next++;
                    if (batch.size() == properties.sliceRows()) {
                        storeAgain(job, columns, batch, rules);
                        batch.clear();
                    }
                }
            });
        } catch (ImportFileException e) {
            throw new IllegalStateException("the file read before can not be read again", e);
        }
        storeAgain(job, columns, batch, rules);
    }

    /**
     * Hands {@code keys} the workspace's accounts that may share a key with the file's rows. A file small beside its
     * workspace (a few rows against millions of accounts) is read again for its rows' keys, which are looked up
     * through the projection's indexes; otherwise every account is streamed once. Either way the same rows are
     * stored for the checks: the accounts streamed but not looked up share only a hash with the file, not a key.
     */
    private void existingAccounts(ImportJob job, WorkspaceRules rules, FileKeys keys) {
        long rowsRead = job.rowsRead();
        if (rowsRead > properties.dryRunSliceRows()
                || !accounts.moreThan(job.workspaceId(), rowsRead * ACCOUNTS_PER_ROW_READ_AGAIN)) {
            accounts.forEachKey(job.workspaceId(), keys::existingAccount);
            return;
        }
        Set<String> logins = new HashSet<>();
        Set<String> emails = new HashSet<>();
        try {
            files.fromStart(job, file -> {
                for (SheetRow row = file.next(); row != null; row = file.next()) {
                    RowVerdict verdict = RowValidator.check(job.template(), row, rules);
                    if (verdict.login() != null) {
                        logins.add(verdict.login());
                    }
                    if (verdict.email() != null) {
                        emails.add(verdict.email());
                    }
                }
            });
        } catch (ImportFileException e) {
            throw new IllegalStateException("the file read before can not be read again", e);
        }
        accounts.forEachKeyAmong(job.workspaceId(), logins, emails, keys::existingAccount);
    }

    private void storeAgain(ImportJob job, TemplateColumn[] columns, List<SheetRow> batch, WorkspaceRules rules) {
        if (batch.isEmpty()) {
            return;
        }
        ImportRows.Encoded encoded = ImportRows.encode(job.id(), columns,
                batch.stream().map(row -> RowValidator.check(job.template(), row, rules)).toList(),
                KeptCells.CHECKED_AGAIN);
        try (ImportRows.RowCopy copy = rows.startCopy()) {
            copy.write(encoded);
            copy.finish();
        }
    }

    /**
     * A dry run stored a valid contact's keys without its cells: those the file-level checks refused (an unknown
     * owner, mostly) have them read again from the file, for the error report. A clean file reads nothing.
     */
    private void readCellsAgain(ImportJob job) {
        List<Long> wanted = rows.invalidWithoutCells(job.id());
        if (wanted.isEmpty()) {
            return;
        }
        TemplateColumn[] columns = ImportRows.columns(job.template(), job.cellColumns());
        List<FailedRow> batch = new ArrayList<>();
        try {
            files.fromStart(job, file -> {
                int next = 0;
                for (SheetRow row = file.next(); row != null && next < wanted.size(); row = file.next()) {
                    if (row.row() != wanted.get(next)) {
                        continue;
                    }
                    Map<TemplateColumn, String> values = new HashMap<>(row.values());
                    row.problems().forEach(problem -> values.put(problem.column(), problem.value()));
                    batch.add(new FailedRow(row.row(), values, List.of()));
                    next++;
                    if (batch.size() == properties.sliceRows()) {
                        rows.fillCells(job.id(), columns, batch);
                        batch.clear();
                    }
                }
            });
        } catch (ImportFileException e) {
            throw new IllegalStateException("the file read before can not be read again", e);
        }
        rows.fillCells(job.id(), columns, batch);
    }

    /**
     * The next slice's commands, sent straight to Kafka and acknowledged before its checkpoint moves (see
     * {@link CommandSender}): rows answered already by an earlier, interrupted attempt are sent again with the others
     * (answered as repeated), so that the slice counts the same whatever happened before. A slice is the rows to
     * apply among {@code sliceRows} row numbers from the first one left; the checkpoint moves to the range's end.
     */
    private boolean apply(ImportJob job) {
        OptionalLong first = rows.nextToApply(job.id(), job.appliedThrough());
        if (first.isEmpty()) {
            transactions.executeWithoutResult(status -> jobs.phase(job.id(), JobPhase.AWAITING_OUTCOMES));
            return true;
        }
        long through = first.getAsLong() + properties.sliceRows() - 1;
        // an array, each row let go once its command is sent: a slice's cells are not all kept until its acks
        ImportRows.StoredRow[] slice = rows.toApply(job.id(), job.template(), job.cellColumns(),
                first.getAsLong(), through)
                .toArray(ImportRows.StoredRow[]::new);
        Actor actor = new Actor(Actor.Kind.IMPORT, job.id().toString(), job.clientIp());
        long[] rowNumbers = new long[slice.length];
        Map<Integer, String> refused = sender.sendAll(slice.length, i -> {
            ImportRows.StoredRow row = slice[i];
            slice[i] = null;
            rowNumbers[i] = row.row();
            AccountCommand command = row.command(job.template());
            return new Envelope<>(UUID.randomUUID(), MessageType.of(command).typeName(), clock.instant(),
                    job.workspaceId(), row.requestId().toString(), actor, command);
        });
        transactions.executeWithoutResult(status -> {
            // the checkpoint first: it fails, and rolls back, if another instance moved it meanwhile
            jobs.appliedSlice(job.id(), job.appliedThrough(), through, rowNumbers.length);
            // a refusal names no column, so the row's cells are not needed for its error
            refused.forEach((index, reason) -> rows.rejected(
                    new ImportRows.Outcome(job.id(), rowNumbers[index], Map.of(), job.template()),
                    List.of(new RowError(null, "not_sent", "the row could not be sent to invite-service ("
                            + reason + "): shorten its longest cells and import it again"))));
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

    @Override
    public void abort(ImportJob job, Throwable cause) {
        files.close(job.id());
        fail(job, "internal_error", "the importer failed on this file (" + cause
                + "); the import was ended rather than retried from its last checkpoint, where it would fail again");
    }

    private void fail(ImportJob job, String code, String message) {
        transactions.executeWithoutResult(status -> complete(job.id(), JobPhase.FAILED, code, message));
        spentFiles.drop(job.id());
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
