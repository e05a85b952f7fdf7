package io.roster.importer.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.importer.ImportApi;
import io.roster.importer.ImporterFixtures;
import io.roster.importer.ImporterIT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Slices, round robin between jobs, and a job taken over from a dead instance at its checkpoint. */
class JobSchedulingIT extends ImporterIT {

    @Autowired
    JobWorker worker;
    @Autowired
    JobSteps steps;
    @Autowired
    OpenFiles files;
    @Autowired
    JobRepository jobs;
    @Autowired
    SpentFiles spentFiles;

    private static String[] users(int count, String prefix) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add("Last" + i + ",First" + i + "," + prefix + i + "@example.com,ACTIVE," + prefix + ".user" + i
                    + ",en,,,,,NO");
        }
        return rows.toArray(String[]::new);
    }

    private String upload(String ws, String key, String... rows) {
        return upload(ws, key, "DRY_RUN", rows);
    }

    private String upload(String ws, String key, String mode, String... rows) {
        return ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS&mode=" + mode, "users.csv",
                csv(USERS_HEADER, rows)).body()).get("id").asString();
    }

    @Test
    void aTenRowImportFinishesWhileAnotherTenantsBigImportIsStillBeingRead() {
        String big = ImporterFixtures.newWorkspace();
        String small = ImporterFixtures.newWorkspace();
        fixtures.workspace(big, 10_000);
        fixtures.workspace(small, 100);
        String bigKey = fixtures.adminKey(big);
        String smallKey = fixtures.adminKey(small);
        String bigId = upload(big, bigKey, users(2000, "big"));
        String smallId = upload(small, smallKey, users(10, "small"));

        awaitPhase(small, smallKey, smallId, "COMPLETED");
        JsonNode bigJob = api.json("/api/v1/workspaces/" + big + "/imports/" + bigId, bigKey);
        assertThat(bigJob.get("phase").asString()).isEqualTo("READING");
        assertThat(bigJob.get("rowsRead").asLong()).isLessThan(2000);
        assertThat(bigJob.get("rowsPerSecond").asDouble()).isPositive();
        JsonNode done = awaitPhase(big, bigKey, bigId, "COMPLETED");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(2000);
        assertThat(done.get("rowsValid").asLong()).isEqualTo(2000);
    }

    /**
     * An instance gives a job back after a reading slice with the file open at the checkpoint: for a moment only it
     * may claim the job again (another would copy the file out of the database and read it from its start), then
     * any instance may; once reading is over, any instance at once.
     */
    @Test
    void aJobBeingReadIsLeftForAMomentToTheInstanceReadingIt() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        worker.stop();
        try {
            UUID id = UUID.fromString(upload(ws, key, users(10, "reader")));
            Instant now = Instant.now();
            assertThat(claims("instance-a", now, id)).isTrue();
            steps.run(jobs.find(id).orElseThrow());
            jobs.release(id, "instance-a", now.plusSeconds(1));

            assertThat(claims("instance-b", now, id)).isFalse();
            assertThat(claims("instance-a", now, id)).isTrue();
            assertThat(jobs.find(id).orElseThrow().rowsConsumed()).isEqualTo(4);
            jobs.release(id, "instance-a", now.plusSeconds(1));
            assertThat(claims("instance-b", now.plusSeconds(2), id)).isTrue();
            // read to its end by instance b: no longer left to anyone
            while (jobs.find(id).orElseThrow().phase() == JobPhase.READING) {
                steps.run(jobs.find(id).orElseThrow());
            }
            jobs.release(id, "instance-b", now.plusSeconds(60));
            assertThat(claims("instance-c", now.plusSeconds(2), id)).isTrue();
            jobs.release(id, "instance-c", now);
        } finally {
            files.closeAll();
            worker.start();
        }
    }

    /**
     * The instance that read a slice keeps the file open at the checkpoint; once another instance read the job on
     * (its checkpoint moved) or ended it, this one would never claim it from there again: the file is closed and its
     * copy deleted, rather than kept until the instance stops. A job held by the instance is left alone.
     */
    @Test
    void theFileOfAJobReadOnOrEndedElsewhereIsClosedAndItsCopyDeleted() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        worker.stop();
        try {
            UUID readOn = UUID.fromString(upload(ws, key, users(10, "readon")));
            UUID ended = UUID.fromString(upload(ws, key, users(10, "ended")));
            UUID held = UUID.fromString(upload(ws, key, users(10, "held")));
            Instant now = Instant.now();
            for (UUID id : List.of(readOn, ended, held)) {
                assertThat(claims("instance-a", now, id)).isTrue();
                steps.run(jobs.find(id).orElseThrow());
                jobs.release(id, "instance-a", now);
            }
            Path readOnCopy = files.copyOf(readOn).orElseThrow();
            Path endedCopy = files.copyOf(ended).orElseThrow();
            Path heldCopy = files.copyOf(held).orElseThrow();
            files.closeStale("instance-a");
            assertThat(List.of(readOnCopy, endedCopy, heldCopy)).allMatch(Files::exists);

            // another instance read a slice of one on, and failed the other; instance-a holds the third again,
            // another of its threads reading it (its checkpoint moved there)
            jdbc.sql("UPDATE importer.import_job SET rows_consumed = 8 WHERE id = ?").param(readOn).update();
            jdbc.sql("UPDATE importer.import_job SET phase = 'FAILED', finished_at = now() WHERE id = ?")
                    .param(ended).update();
            assertThat(claims("instance-a", now, held)).isTrue();
            jdbc.sql("UPDATE importer.import_job SET rows_consumed = 8 WHERE id = ?").param(held).update();
            files.closeStale("instance-a");

            assertThat(files.copyOf(readOn)).isEmpty();
            assertThat(files.copyOf(ended)).isEmpty();
            assertThat(readOnCopy).doesNotExist();
            assertThat(endedCopy).doesNotExist();
            assertThat(files.copyOf(held)).contains(heldCopy);
            assertThat(heldCopy).exists();
        } finally {
            files.closeAll();
            // the jobs read on "elsewhere" would go on from rows never read: ended here
            jdbc.sql("UPDATE importer.import_job SET phase = 'FAILED', finished_at = now(), lease_owner = NULL,"
                    + " lease_until = NULL WHERE workspace_id = ?").param(ws).update();
            worker.start();
        }
    }

    /**
     * An upload is stored before its 202 and kept while its job may read it — from its checkpoint, after a restart or
     * on another instance: while READING, and while a dry run is CHECKING (it reads the refused rows again). It is
     * dropped right after the transaction that ends its use (an import read to its end, a dry run checked), and a
     * sweep drops what a crash between the two left behind: the file of a job ended by SQL as a dead instance would
     * have left it, and a file whose job is gone.
     */
    @Test
    void anUploadIsKeptWhileItsJobMayReadItAndDroppedOnceNoneWill() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        worker.stop();
        try {
            String dryRun = upload(ws, key, users(6, "kept"));
            String imported = upload(ws, key, "IMPORT", users(6, "dropped"));
            String crashedDryRun = upload(ws, key, users(3, "crashed"));
            String crashedImport = upload(ws, key, "IMPORT", users(3, "crashedimport"));
            UUID orphan = UUID.randomUUID();
            jdbc.sql("CREATE TABLE importer.import_file_" + orphan.toString().replace("-", "")
                    + " (seq INT PRIMARY KEY, data BYTEA NOT NULL)").update();
            assertThat(List.of(dryRun, imported, crashedDryRun, crashedImport)).allMatch(this::fileStored);
            Instant now = Instant.now();

            // half read: kept, even by a sweep
            assertThat(claims("instance-a", now, UUID.fromString(dryRun))).isTrue();
            steps.run(jobs.find(UUID.fromString(dryRun)).orElseThrow());
            jobs.release(UUID.fromString(dryRun), "instance-a", now);
            assertThat(jobs.find(UUID.fromString(dryRun)).orElseThrow().phase()).isEqualTo(JobPhase.READING);
            // a dead instance ended one job and read another to its end, each committed, and died before dropping
            jdbc.sql("UPDATE importer.import_job SET phase = 'COMPLETED', finished_at = now() WHERE id = ?::uuid")
                    .param(crashedDryRun).update();
            jdbc.sql("UPDATE importer.import_job SET phase = 'CHECKING' WHERE id = ?::uuid").param(crashedImport)
                    .update();
            assertThat(spentFiles.sweep()).isGreaterThanOrEqualTo(3);
            assertThat(fileStored(dryRun)).isTrue();
            assertThat(fileStored(imported)).isTrue();
            assertThat(fileStored(crashedDryRun)).isFalse();
            assertThat(fileStored(crashedImport)).isFalse();
            assertThat(fileStored(orphan.toString())).isFalse();

            // read to its end, the dry run keeps its file for its checks; then it is dropped with no sweep
            runUntil(dryRun, JobPhase.CHECKING, now);
            spentFiles.sweep();
            assertThat(fileStored(dryRun)).isTrue();
            runUntil(dryRun, JobPhase.COMPLETED, now);
            assertThat(fileStored(dryRun)).isFalse();
            // an import's rows are stored once it is read: its file is dropped then
            runUntil(imported, JobPhase.CHECKING, now);
            assertThat(fileStored(imported)).isFalse();
        } finally {
            files.closeAll();
            jdbc.sql("UPDATE importer.import_job SET phase = 'FAILED', finished_at = now(), lease_owner = NULL,"
                    + " lease_until = NULL WHERE workspace_id = ? AND phase <> 'COMPLETED'").param(ws).update();
            worker.start();
        }
    }

    /** Runs the job's slices as instance-a until it reaches {@code phase}. */
    private void runUntil(String id, JobPhase phase, Instant now) {
        UUID job = UUID.fromString(id);
        while (jobs.find(job).orElseThrow().phase() != phase) {
            assertThat(claims("instance-a", now, job)).isTrue();
            try {
                steps.run(jobs.find(job).orElseThrow());
            } finally {
                jobs.release(job, "instance-a", now);
            }
        }
    }

    /**
     * Whether {@code owner} may claim the job {@code id} (then it holds it): claims every job it may until that one
     * or none, and gives back the others (other tests' jobs waiting for outcomes that never come).
     */
    private boolean claims(String owner, Instant now, UUID id) {
        List<UUID> others = new ArrayList<>();
        try {
            for (Optional<ImportJob> claimed = jobs.claim(owner, now, now.plusSeconds(60)); claimed.isPresent();
                    claimed = jobs.claim(owner, now, now.plusSeconds(60))) {
                if (claimed.get().id().equals(id)) {
                    return true;
                }
                others.add(claimed.get().id());
            }
            return false;
        } finally {
            others.forEach(other -> jobs.release(other, owner, now));
        }
    }

    @Test
    void theJobOfAnInstanceThatDiedIsResumedFromItsCheckpointWhenItsLeaseRunsOut() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        worker.stop();
        String id;
        try {
            // row 9 has row 2's address: the keys of the slice instance A read must survive it
            String[] rows = users(10, "resumed");
            rows[8] = rows[8].replace("resumed8@", "resumed1@");
            id = upload(ws, key, rows);
            // instance A claims the job, reads one slice (4 rows) and commits it; then it is killed while holding
            // the lease: its open file is gone with it
            Instant now = Instant.now();
            ImportJob job = jobs.claim("instance-a", now, now.plus(Duration.ofHours(1))).orElseThrow();
            assertThat(job.id()).isEqualTo(UUID.fromString(id));
            steps.run(job);
            files.closeAll();
            assertThat(jobs.find(job.id()).orElseThrow().rowsConsumed()).isEqualTo(4);
            // another instance may not take it while the lease runs
            assertThat(jobs.claim("instance-b", now, now.plusSeconds(60))).isEmpty();
            jdbc.sql("UPDATE importer.import_job SET lease_until = ? WHERE id = ?::uuid")
                    .params(java.sql.Timestamp.from(now.minusSeconds(1)), id).update();
        } finally {
            worker.start();
        }
        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(10);
        assertThat(done.get("rowsValid").asLong()).isEqualTo(9);
        // each row read once (a dry run stores only the two rows its duplicate check compared), the duplicate found
        // across the slices of both instances
        assertThat(jdbc.sql("SELECT array_agg(row_no ORDER BY row_no)::text FROM importer.import_row"
                + " WHERE job_id = ?::uuid").param(id).query(String.class).single())
                .isEqualTo("{2,9}");
        assertThat(api.json("/api/v1/workspaces/" + ws + "/imports/" + id + "/errors", key).get("items")
                .valueStream().map(e -> e.get("row").asLong() + " " + e.get("code").asString() + " "
                        + e.get("message").asString()).toList())
                .singleElement().asString().startsWith("9 duplicate_in_file the same address as row 2 ");
    }
}
