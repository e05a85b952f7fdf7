package io.roster.importer.job;

import io.roster.importer.upload.FileStore;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drops the uploads no one will read again, outside the jobs' own transactions: a job's file goes right after the
 * transaction that ended its use commits (an import read to its end, a dry run checked, a job failed), so that the job
 * never waits for it; and {@link #sweep} drops those a crash or a failed drop left between the two. A file is kept
 * while its job may read it, from its checkpoint after a restart or on another instance: while the job is READING,
 * and while a dry run is CHECKING (it reads the rows its checks refuse again).
 */
@Component("importerSpentFiles")
class SpentFiles {

    private static final Logger log = LoggerFactory.getLogger(SpentFiles.class);

    private final FileStore store;
    private final JobRepository jobs;

    SpentFiles(FileStore store, JobRepository jobs) {
        this.store = store;
        this.jobs = jobs;
    }

    /** The job's file, which the transaction that just committed said no one reads again. */
    void drop(UUID jobId) {
        try {
            store.drop(jobId);
        } catch (RuntimeException e) {
            log.warn("the file of import job {} could not be dropped now; the sweep drops it later", jobId, e);
        }
    }

    /** Drops every stored file whose job no longer reads it (ended, past its reading, or gone); how many. */
    int sweep() {
        List<UUID> stored = store.stored();
        if (stored.isEmpty()) {
            return 0;
        }
        List<UUID> spent = jobs.notReadingTheirFiles(stored);
        spent.forEach(this::drop);
        return spent.size();
    }
}
