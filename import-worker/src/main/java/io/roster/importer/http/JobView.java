package io.roster.importer.http;

import io.roster.contracts.account.AccountTemplate;
import io.roster.importer.file.FileWarning;
import io.roster.importer.job.ImportJob;
import io.roster.importer.job.ImportMode;
import io.roster.importer.job.JobPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An import job as the API shows it.
 *
 * @param progress of the current phase, 0 to 1: the file's bytes read, the valid rows sent, their answers
 * @param rowsPerSecond rows read per second of the job's running time so far
 * @param etaSeconds until the current phase's end, estimated from its progress; null when not known
 * @param error why the file as a whole was refused (phase FAILED)
 */
public record JobView(UUID id, String workspaceId, AccountTemplate type, ImportMode mode, boolean atomic,
        String fileName, long fileSize, JobPhase phase, long rowsRead, long rowsValid, long rowsInvalid,
        long rowsApplied, long accountsCreated, long rowsFailed, double progress, double rowsPerSecond,
        Long etaSeconds, List<FileWarning> warnings, Problem error, Instant createdAt, Instant finishedAt,
        Map<String, String> links) {

    public record Problem(String code, String message) {
    }

    public static JobView of(ImportJob job, Instant now) {
        String self = "/api/v1/workspaces/" + job.workspaceId() + "/imports/" + job.id();
        Instant end = job.finishedAt() != null ? job.finishedAt() : now;
        double seconds = job.startedAt() == null ? 0
                : Math.max(0.001, Duration.between(job.startedAt(), end).toMillis() / 1000.0);
        double rate = seconds == 0 ? 0 : Math.round(job.rowsRead() / seconds * 10) / 10.0;
        return new JobView(job.id(), job.workspaceId(), job.template(), job.mode(), job.atomic(), job.fileName(),
                job.fileSize(), job.phase(), job.rowsRead(), job.rowsValid(), job.rowsInvalid(), job.rowsApplied(),
                job.accountsCreated(), job.rowsFailed(), progress(job), rate, eta(job, seconds), job.warnings(),
                job.errorCode() == null ? null : new Problem(job.errorCode(), job.errorMessage()), job.createdAt(),
                job.finishedAt(), Map.of("self", self, "errors", self + "/errors", "errorWorkbook",
                        self + "/errors.xlsx", "events", self + "/events"));
    }

    private static double progress(ImportJob job) {
        double done = switch (job.phase()) {
            case READING -> job.fileSize() == 0 ? 0 : (double) job.bytesRead() / job.fileSize();
            case CHECKING -> 0;
            case APPLYING -> job.rowsValid() == 0 ? 1 : (double) job.rowsApplied() / job.rowsValid();
            case AWAITING_OUTCOMES -> job.rowsApplied() == 0 ? 1
                    : (double) (job.accountsCreated() + job.rowsFailed()) / job.rowsApplied();
            case COMPLETED, FAILED -> 1;
        };
        return Math.round(Math.min(1, done) * 1000) / 1000.0;
    }

    /** While reading: the bytes left at the pace so far; while applying: the rows left at the pace so far. */
    private static Long eta(ImportJob job, double seconds) {
        if (job.phase().isFinal() || seconds == 0) {
            return job.phase().isFinal() ? 0L : null;
        }
        if (job.phase() == JobPhase.READING && job.bytesRead() > 0 && job.fileSize() > 0) {
            return Math.round(seconds * (job.fileSize() - job.bytesRead()) / job.bytesRead());
        }
        return null;
    }
}
