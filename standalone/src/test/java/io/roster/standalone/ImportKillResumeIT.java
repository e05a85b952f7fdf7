package io.roster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Topics;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructure;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An import-worker killed mid-import (SIGKILL, in a JVM of its own) and another instance started in its place: the
 * job resumes from its checkpoint, and in effect every valid row becomes exactly one account with exactly one
 * {@code account.created.v1}. The killed worker runs import-worker alone on this JVM's embedded Kafka and
 * PostgreSQL; invite-service (the accounts) is this JVM's Roster, whose own import worker is stopped until the kill,
 * so the job is the child's alone, and is then started in its place: it takes the job over once the dead one's
 * lease (3 s) has run out, as a second JVM would, without a second JVM's start-up.
 *
 * <p>Its time is the worker JVM's start-up (20 s at load 2-12, 58 s at load 25), so its waits are generous; the
 * import itself (3,000 rows, slices of 100) takes seconds.
 */
@SpringBootTest(classes = RosterStandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "roster.standalone.embedded-infrastructure=false")
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class ImportKillResumeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS = 3000;
    /** Every 10th row has an address without {@code @}. */
    private static final int VALID = ROWS - ROWS / 10;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aWorkerKilledMidImportIsReplacedAndEveryValidRowBecomesExactlyOneAccount() throws Exception {
        String ws = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/workspaces"))
                .header("Authorization", "Bearer roster-operator-demo").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + ws + "\", \"licenceCount\": " + ROWS
                        + "}")).build(), 201));
        String key = "Bearer " + created.get("adminAccessKey").get("token").asString();
        // import-worker knows the key once its replica has read it from roster.access-keys: until then, 401
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                        uri("/api/v1/workspaces/" + ws + "/imports")).header("Authorization", key).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        SmartLifecycle ownWorker = context.getBean("importerJobWorker", SmartLifecycle.class);
        ownWorker.stop();
        Process first = null;
        try {
            String id = upload(ws, key);
            first = worker(1);
            // mid-import: some valid rows sent to invite-service through the outbox, not all
            Process killed = first;
            awaitOrExplain(id, 1, () -> await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(5))
                    .failFast(() -> !killed.isAlive() || "FAILED".equals(job(id).get("phase")))
                    .until(() -> job(id).get("rows_applied") instanceof Long applied && applied > 0));
            first.destroyForcibly().waitFor();
            Map<String, Object> atKill = job(id);
            assertThat(atKill.get("phase")).as("killed mid-import: %s", atKill).isNotIn("COMPLETED", "FAILED");
            assertThat((Long) atKill.get("accounts_created")).isLessThan(VALID);

            // another instance in its place: this JVM's own worker, which finds the job under the dead one's lease
            ownWorker.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .failFast(() -> "FAILED".equals(job(id).get("phase")))
                    .until(() -> "COMPLETED".equals(job(id).get("phase")));
            Map<String, Object> done = job(id);
            assertThat(done).containsEntry("rows_read", (long) ROWS).containsEntry("rows_valid", (long) VALID)
                    .containsEntry("rows_invalid", (long) (ROWS - VALID))
                    .containsEntry("accounts_created", (long) VALID).containsEntry("rows_failed", 0L);
        } finally {
            stop(first);
            if (!ownWorker.isRunning()) {
                ownWorker.start();
            }
        }

        // the accounts: one per valid row, none twice
        assertThat(jdbc.sql("SELECT count(*), count(DISTINCT login), count(DISTINCT email) FROM invite.account"
                        + " WHERE workspace_id = ?").param(ws)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single())
                .containsExactly((long) VALID, (long) VALID, (long) VALID);
        // each with exactly one account.created.v1
        List<String> createdLogins = new ArrayList<>();
        try (KafkaTestClient kafka = KafkaTestClient.shared()) {
            for (ConsumerRecord<String, String> r : kafka.readAll(Topics.ACCOUNT_EVENTS,
                    r -> r.value().contains("\"" + ws + "\"") && r.value().contains("account.created.v1"),
                    Duration.ofSeconds(2))) {
                createdLogins.add(JSON.readTree(r.value()).get("payload").get("login").asString());
            }
        }
        assertThat(createdLogins).hasSize(VALID);
        assertThat(createdLogins.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .values()).allMatch(count -> count == 1);
    }

    private String upload(String ws, String key) throws Exception {
        StringBuilder csv = new StringBuilder("LASTNAME,FIRSTNAME,EMAIL,STATUS,LOGIN,MAIL_LANGUAGE,"
                + "SHARE_SPACE_MAX,SAVE_SPACE_MAX,CREATION_NOTIFICATION\n");
        for (int i = 1; i <= ROWS; i++) {
            String email = i % 10 == 0 ? "user" + i + "-at-kill.example" : "user" + i + "@kill.example";
            csv.append("Last").append(i).append(",First").append(i).append(',').append(email)
                    .append(",ACTIVE,user.").append(i).append(",en,,,NO\n");
        }
        String boundary = "----roster" + UUID.randomUUID();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/workspaces/" + ws
                        + "/imports?type=USERS&mode=IMPORT")).header("Authorization", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), 202)).get("id").asString();
    }

    /**
     * import-worker alone in a JVM of its own, on this JVM's classpath and infrastructure: one worker thread, slices
     * of 100 rows, a 3 s lease (the dead one's job is free soon), a 6 s Kafka session (the dead one's partitions
     * too).
     */
    private Process worker(int n) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "io.roster.importer.app.ImportWorkerApplication",
                "--spring.autoconfigure.exclude=io.roster.invite.InviteServiceAutoConfiguration,"
                        + "io.roster.audit.AuditSinkAutoConfiguration,"
                        + "io.roster.scheduler.SuspensionSchedulerAutoConfiguration",
                "--roster.standalone.embedded-infrastructure=false", "--server.port=0",
                "--roster.import.workers=1", "--roster.import.slice-rows=100", "--roster.import.lease=3s",
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000", "--logging.level.root=WARN",
                "--logging.level.io.roster=INFO",
                "--logging.level.org.springframework.boot.web.embedded=INFO",
                "--logging.level.org.springframework.boot.StartupInfoLogger=INFO"));
        SharedInfrastructure.springProperties().forEach((name, value) -> command.add("--" + name + "=" + value));
        Path log = Path.of("target", "import-kill-resume-worker-" + n + ".log");
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** On a time-out, the job as it stands and the end of the worker's log say why. */
    private void awaitOrExplain(String id, int worker, Runnable wait) throws IOException {
        try {
            wait.run();
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            String log = Files.readString(Path.of("target", "import-kill-resume-worker-" + worker + ".log"));
            throw new AssertionError(e.getMessage() + "\njob: " + jdbc.sql("SELECT * FROM importer.import_job"
                    + " WHERE id = ?::uuid").param(id).query().singleRow() + "\nworker " + worker + "'s log ends: "
                    + log.substring(Math.max(0, log.length() - 6000)), e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    private Map<String, Object> job(String id) {
        return jdbc.sql("SELECT phase, rows_read, rows_valid, rows_invalid, rows_applied, accounts_created,"
                + " rows_failed FROM importer.import_job WHERE id = ?::uuid").param(id).query().singleRow();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }
}
