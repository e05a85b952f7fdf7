package io.roster.importer.job;

import io.roster.importer.ImportProperties;
import io.roster.importer.ImportClock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    private final JobRepository jobs;
    private final JobSteps steps;
    private final OpenFiles files;
    private final ImportProperties properties;
    private final ImportClock clock;
    private final String owner = "import-worker-" + UUID.randomUUID();
    private volatile boolean running;
    private ExecutorService threads;

    JobWorker(JobRepository jobs, JobSteps steps, OpenFiles files, ImportProperties properties,
            ImportClock clock) {
        this.jobs = jobs;
        this.steps = steps;
        this.files = files;
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
            }
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

    /** Claims one job and runs one slice of it; false when there was nothing to do. */
    boolean runOnce() {
        Instant now = clock.instant();
        Optional<ImportJob> claimed = jobs.claim(owner, now, now.plus(properties.lease()));
        if (claimed.isEmpty()) {
            return false;
        }
        try {
            return steps.run(claimed.get());
        } finally {
            jobs.release(claimed.get().id(), owner);
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
