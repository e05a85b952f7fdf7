package io.roster.importer.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.importer.ImportApi;
import io.roster.importer.ImportClock;
import io.roster.importer.ImportProperties;
import io.roster.importer.ImporterFixtures;
import io.roster.importer.ImporterIT;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A slice that fails with an Error or a checked exception ends its job as FAILED with the reason, and the worker
 * thread (the only one in these tests) goes on with the other jobs; before, it ended silently.
 */
class JobWorkerFailureIT extends ImporterIT {

    @Autowired
    JobWorker worker;
    @Autowired
    JobSteps steps;
    @Autowired
    JobRepository jobs;
    @Autowired
    OpenFiles files;
    @Autowired
    SpentFiles spentFiles;
    @Autowired
    ImportProperties properties;
    @Autowired
    ImportClock clock;

    @Test
    void anErrorOrACheckedExceptionEndsItsJobAsFailedAndTheWorkerGoesOnWithTheOthers() {
        String ws = ImporterFixtures.newWorkspace();
        fixtures.workspace(ws, 100);
        String key = fixtures.adminKey(ws);
        assertThat(properties.workers()).isEqualTo(1);
        worker.stop();
        JobWorker faulty = null;
        try {
            String outOfMemory = upload(ws, key, 3);
            String checked = upload(ws, key, 3);
            // three slices: claimed again after the two others failed
            String healthy = upload(ws, key, 10);
            Map<UUID, Throwable> faults = Map.of(UUID.fromString(outOfMemory), new OutOfMemoryError("Java heap space"),
                    UUID.fromString(checked), new IOException("the copy of the upload is gone"));
            faulty = new JobWorker(jobs, new JobSlices() {
                @Override
                public boolean run(ImportJob job) {
                    Throwable fault = faults.get(job.id());
                    if (fault != null) {
                        throw JobWorkerFailureIT.<RuntimeException>sneaky(fault);
                    }
                    return steps.run(job);
                }

                @Override
                public void abort(ImportJob job, Throwable cause) {
                    steps.abort(job, cause);
                }
            }, files, spentFiles, properties, clock);
            faulty.start();

            assertThat(awaitPhase(ws, key, healthy, "COMPLETED").get("rowsValid").asLong()).isEqualTo(10);
            JsonNode oom = awaitPhase(ws, key, outOfMemory, "FAILED").get("error");
            assertThat(oom.get("code").asString()).isEqualTo("internal_error");
            assertThat(oom.get("message").asString()).contains("java.lang.OutOfMemoryError: Java heap space");
            JsonNode io = awaitPhase(ws, key, checked, "FAILED").get("error");
            assertThat(io.get("code").asString()).isEqualTo("internal_error");
            assertThat(io.get("message").asString()).contains("java.io.IOException: the copy of the upload is gone");
        } finally {
            if (faulty != null) {
                faulty.stop();
            }
            worker.start();
        }
    }

    private String upload(String ws, String key, int rows) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String login = "failure" + UUID.randomUUID().toString().substring(0, 8);
            lines.add("Last" + i + ",First" + i + "," + login + "@example.com,ACTIVE," + login + ",en,,,,,NO");
        }
        return ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS&mode=DRY_RUN", "users.csv",
                csv(USERS_HEADER, lines.toArray(String[]::new))).body()).get("id").asString();
    }

    /** Throws a checked exception where the compiler does not expect one, as a library in Kotlin or Lombok may. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable fault) throws T {
        throw (T) fault;
    }
}
