package io.roster.importer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.importer.ImportApi;
import io.roster.importer.ImporterFixtures;
import io.roster.importer.ImporterIT;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * An upload for a workspace whose {@code workspace.facts.v1} has not reached import-worker yet (created a moment
 * before): the job waits, read nothing, and runs once the facts arrive; it fails only after
 * {@code roster.import.workspace-wait} (2 minutes).
 */
class WorkspaceFactsLateIT extends ImporterIT {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private String upload(String ws, String key) {
        return ImportApi.JSON.readTree(api.upload(ws, key, "type=USERS&mode=DRY_RUN", "users.csv", csv(USERS_HEADER,
                "Durand,Zoé,zoe@late.example,ACTIVE,zoe.durand,fr,,,NO,,NO",
                "Martin,Léo,leo@late.example,ACTIVE,leo.martin,en,,,NO,,NO")).body()).get("id").asString();
    }

    private JsonNode job(String ws, String key, String id) {
        return api.json("/api/v1/workspaces/" + ws + "/imports/" + id, key);
    }

    @Test
    void theJobWaitsForTheWorkspacesFactsThenRuns() {
        String ws = ImporterFixtures.newWorkspace();
        String key = fixtures.adminKey(ws);
        String id = upload(ws, key);

        // the worker has looked at the job and put it back, owned by no one, until its next look: read in the same
        // statement, since the worker looks again (every 20 ms at first) and its claim holds a lease of minutes
        Timestamp retryAt = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT lease_until"
                + " FROM importer.import_job WHERE id = ?::uuid AND lease_owner IS NULL AND lease_until IS NOT NULL")
                .param(id).query(Timestamp.class).optional().orElse(null), Objects::nonNull);
        // written before it was read, by a look at most WORKSPACE_RETRY_MAX ahead of its own clock
        assertThat(retryAt.toInstant()).isBeforeOrEqualTo(Instant.now().plus(JobSteps.WORKSPACE_RETRY_MAX));
        JsonNode waiting = job(ws, key, id);
        assertThat(waiting.get("phase").asString()).isEqualTo("READING");
        assertThat(waiting.get("rowsRead").asLong()).isZero();
        assertThat(waiting.get("error").isNull()).isTrue();

        fixtures.workspace(ws, 100);
        JsonNode done = awaitPhase(ws, key, id, "COMPLETED");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(2);
        assertThat(done.get("rowsValid").asLong()).isEqualTo(2);
    }

    /**
     * The facts topic is empty nearly always: an idle facts listener's consumer waits on the broker for half a second
     * a fetch, rather than fetching 40 times a second (and facts published meanwhile arrive at once, above).
     */
    @Test
    void anIdleFactsListenerFetchesAFewTimesASecondOnly() {
        MessageListenerContainer facts = listeners.getListenerContainer("import-worker.workspaces");
        await().atMost(Duration.ofSeconds(30)).until(() -> fetches(facts) > 0);
        double before = fetches(facts);
        long from = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        double seconds = (System.nanoTime() - from) / 1e9;
        double perSecond = (fetches(facts) - before) / seconds;
        // 2 a second at most when idle (fetch.max.wait.ms=500); 40 with the event streams' 25 ms
        assertThat(perSecond).as("fetches per second over %.1f s", seconds).isLessThan(5);
    }

    private static double fetches(MessageListenerContainer container) {
        return container.metrics().values().stream().flatMap(metrics -> metrics.entrySet().stream())
                .filter(e -> e.getKey().name().equals("fetch-total")
                        && e.getKey().group().equals("consumer-fetch-manager-metrics")
                        && !e.getKey().tags().containsKey("topic"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    @Test
    void itFailsWhenTheFactsHaveNotArrivedWithinTheWait() {
        String ws = ImporterFixtures.newWorkspace();
        String key = fixtures.adminKey(ws);
        String id = upload(ws, key);
        // uploaded longer ago than the wait, and due for its next look
        jdbc.sql("UPDATE importer.import_job SET created_at = ?, lease_until = NULL WHERE id = ?::uuid")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(2)).minusSeconds(1)), id).update();

        JsonNode failed = awaitPhase(ws, key, id, "FAILED");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("workspace_unknown");
        assertThat(failed.get("error").get("message").asString()).isEqualTo("the workspace's settings did not"
                + " reach the importer within 120 s of the upload: check that the workspace exists, then import the"
                + " file again");
        assertThat(failed.get("rowsRead").asLong()).isZero();
    }
}
