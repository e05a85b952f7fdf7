package io.roster.importer.job;

/** What {@link JobWorker} does with a job it claimed: one slice of it, or, when a slice cannot be retried, its end. */
interface JobSlices {

    /** @return whether the slice did anything (an idle worker waits before claiming again) */
    boolean run(ImportJob job);

    /**
     * Ends the job as FAILED, saying why: its slice failed with something a retry from the checkpoint would meet
     * again (an Error such as OutOfMemoryError on its file, a checked exception thrown past the compiler).
     */
    void abort(ImportJob job, Throwable cause);
}
