package io.roster.importer;

import io.roster.importer.file.ImportLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code roster.import.*}.
 *
 * @param maxFileSize an upload over it is refused with 413 (this path only: the other endpoints keep their limits)
 * @param maxRows data rows of one file
 * @param maxCellChars characters of one cell
 * @param sliceRows rows one job processes before the next job gets its turn
 * @param dryRunSliceRows the same for a dry run, whose rows cost a slice a fraction of an import's (it stores
 *     nearly none of them): its slices are longer for the same time, the bookkeeping of each (claim, checkpoint,
 *     release) shared by more rows
 * @param workers threads of this instance processing slices
 * @param lease how long a slice may hold its job before another instance may take it over
 * @param idlePoll how often an idle worker looks for work
 * @param consumerGroup the service's Kafka consumer group
 * @param workDir where a worker copies the files it reads (empty: the system's temporary directory)
 * @param workspaceWait how long a job waits for its workspace's facts ({@code roster.workspaces}) to reach this
 *     service before it fails with {@code workspace_unknown}: a workspace created a moment before the upload
 */
@ConfigurationProperties("roster.import")
public record ImportProperties(
        @DefaultValue("1GB") DataSize maxFileSize,
        @DefaultValue("1000000") long maxRows,
        @DefaultValue("32767") int maxCellChars,
        @DefaultValue("5000") int sliceRows,
        @DefaultValue("25000") int dryRunSliceRows,
        @DefaultValue("2") int workers,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("200ms") Duration idlePoll,
        @DefaultValue("roster-import-worker") String consumerGroup,
        @DefaultValue("") String workDir,
        @DefaultValue("2m") Duration workspaceWait) {

    public ImportLimits limits() {
        return new ImportLimits(maxFileSize.toBytes(), maxRows, maxCellChars);
    }
}
