package io.roster.importer.job;

import io.roster.contracts.account.AccountTemplate;
import io.roster.importer.file.FileWarning;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One uploaded file and where its import stands, as stored in {@code importer.import_job}.
 *
 * @param cellColumns the template keys its rows' cells are stored by, in order
 */
public record ImportJob(
        UUID id,
        String workspaceId,
        AccountTemplate template,
        ImportMode mode,
        boolean atomic,
        String fileName,
        long fileSize,
        String actorId,
        String clientIp,
        JobPhase phase,
        long rowsConsumed,
        long bytesRead,
        long rowsRead,
        long rowsValid,
        long rowsInvalid,
        long appliedThrough,
        long rowsApplied,
        long accountsCreated,
        long rowsFailed,
        List<FileWarning> warnings,
        String errorCode,
        String errorMessage,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<String> cellColumns) {
}
