package io.roster.importer.job;

import io.roster.importer.ImportProperties;
import io.roster.importer.ImportClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's share of the jobs: {@code roster.import.workers} threads, each claiming the job served longest
 * ago (any instance's upload), running one slice of it and giving it back — round robin, so a 10-row import
 * finishes in seconds beside a 1,000,000-row one. A claim is a lease: the job of an instance that died is taken
 * over once its lease runs out, from its last checkpoint.
 */
@Component("importerJobWorker")
class JobWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    /** How many idle polls a READING job is left to the instance that read its last slice. */
    static final int READER_POLLS = 5;
    /**
     * How often one of the threads drops the uploads no job reads any more that were left behind (by a crash between
     * a job's end and its file's drop, or a drop that failed); the first time at start.
     */
    static final Duration FILE_SWEEP = Duration.ofMinutes(1);

    private final JobRepository jobs;
    private final JobSlices steps;
    private final OpenFiles files;
    private final SpentFiles spentFiles;
    private final ImportProperties properties;
    private final ImportClock clock;
    private final String owner = "import-worker-" + UUID.randomUUID();
    private final AtomicReference<Instant> nextStaleFiles = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<Instant> nextSpentFiles = new AtomicReference<>(Instant.MIN);
    private volatile boolean running;
    private ExecutorService threads;

    JobWorker(JobRepository jobs, JobSlices steps, OpenFiles files, SpentFiles spentFiles,
            ImportProperties properties, ImportClock clock) {
        this.jobs = jobs;
        this.steps = steps;
        this.files = files;
        this.spentFiles = spentFiles;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        threads = Executors.newFixedThreadPool(properties.workers(), runnable -> {
            Thread thread = new Thread(runnable, "import-worker");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < properties.workers(); i++) {
            threads.submit(this::loop);
        }
    }

    private void loop() {
        while (running) {
            boolean worked = false;
            try {
                worked = runOnce();
            } catch (RuntimeException e) {
                log.warn("import slice failed; the job is retried from its checkpoint", e);
            } catch (Throwable e) {
                // Thrown while claiming or releasing, or while ending a job (runOnce ends it on anything but a
                // RuntimeException): the job, if any, is claimed again. The loop goes on, or this instance would
                // lose a worker thread without a word: the executor keeps what a task throws in a Future nobody reads.
                log.error("import worker failed outside a slice; it goes on", e);
            }
            closeStaleFiles();
            dropSpentFiles();
            if (!worked) {
                try {
                    Thread.sleep(properties.idlePoll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Now and then (every {@link #READER_POLLS} idle polls at most, by one of the threads), the files of jobs read on
     * by another instance or ended meanwhile are closed, and their copies deleted.
     */
    private void closeStaleFiles() {
        if (!due(nextStaleFiles, properties.idlePoll().multipliedBy(READER_POLLS))) {
            return;
        }
        try {
            files.closeStale(owner);
        } catch (RuntimeException e) {
            log.warn("closing the files of jobs read elsewhere failed; tried again later", e);
        }
    }

    /** Every {@link #FILE_SWEEP}, by one of the threads: the stored uploads left behind by jobs that ended. */
    private void dropSpentFiles() {
        if (!due(nextSpentFiles, FILE_SWEEP)) {
            return;
        }
        try {
            spentFiles.sweep();
        } catch (RuntimeException e) {
            log.warn("dropping the uploads of ended jobs failed; tried again later", e);
        }
    }

    /** Whether the chore timed by {@code next} is due, for this thread alone; its next turn is then {@code every} on. */
    private boolean due(AtomicReference<Instant> next, Duration every) {
        Instant now = clock.instant();
        Instant due = next.get();
        return !now.isBefore(due) && next.compareAndSet(due, now.plus(every));
    }

    /** Claims one job and runs one slice of it; false when there was nothing to do. */
    boolean runOnce() {
        Instant now = clock.instant();
        Optional<ImportJob> claimed = jobs.claim(owner, now, now.plus(properties.lease()));
        if (claimed.isEmpty()) {
            return false;
        }
        ImportJob job = claimed.get();
        try {
            return steps.run(job);
        } catch (RuntimeException e) {
            throw e; // the database or the broker failing for a moment: the loop retries from the checkpoint
        } catch (Throwable e) {
            // An Error (OutOfMemoryError on one file) or a checked exception thrown past the compiler: the same slice
            // would fail the same way from the checkpoint, for ever. The job ends as FAILED, saying why, and the
            // worker goes on with the others.
            log.error("import job {} ended: its slice failed with {}", job.id(), e.toString(), e);
            steps.abort(job, e);
            return true;
        } finally {
            // the file stays open here at the checkpoint: left to this instance for a few idle polls
            jobs.release(job.id(), owner, clock.instant().plus(properties.idlePoll().multipliedBy(READER_POLLS)));
        }
    }

    @Override
    public void stop() {
        running = false;
        if (threads != null) {
            threads.shutdown();
            try {
                threads.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        files.closeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
