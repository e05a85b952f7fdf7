package io.roster.importer;

import static org.awaitility.Awaitility.await;

import io.roster.importer.app.ImportWorkerApplication;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * import-worker alone on the shared embedded Kafka and PostgreSQL, every IT of the module on one context: small
 * slices and one worker thread, so slicing, round robin and resumption happen on files of a few rows; an 8 KB
 * {@code max.request.size}, so a row's command can be too large to send.
 */
@SpringBootTest(classes = ImportWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"roster.import.slice-rows=4", "roster.import.dry-run-slice-rows=4", "roster.import.workers=1",
                "roster.import.idle-poll=20ms", "roster.import.max-file-size=256KB",
                // a producer limit a row of long cells can pass (the not_sent path); the tests' other rows are far
                // below it
                "spring.kafka.producer.properties.max.request.size=8192"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public abstract class ImporterIT {

    protected static KafkaTestClient kafka;

    @Autowired
    protected JdbcClient jdbc;

    @LocalServerPort
    protected int port;

    protected ImportApi api;
    protected ImporterFixtures fixtures;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void clients() {
        api = new ImportApi(port);
        fixtures = new ImporterFixtures(kafka, jdbc);
    }

    /** The job once it reached {@code phase}. */
    protected JsonNode awaitPhase(String workspace, String key, String id, String phase) {
        String path = "/api/v1/workspaces/" + workspace + "/imports/" + id;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.json(path, key).get("phase").asString().equals(phase));
        return api.json(path, key);
    }

    /** Whether the job's upload is still stored (its own table, {@code importer.import_file_<hex>}). */
    protected boolean fileStored(String jobId) {
        return jdbc.sql("SELECT to_regclass('importer.import_file_' || replace(?, '-', '')) IS NOT NULL")
                .param(jobId).query(Boolean.class).single();
    }

    /** Waits until the job's upload is dropped: after the job's end, outside its transaction. */
    protected void awaitFileDropped(String jobId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !fileStored(jobId));
    }

    protected static final String USERS_HEADER = "LASTNAME,FIRSTNAME,EMAIL,STATUS,LOGIN,MAIL_LANGUAGE,SHARE_SPACE_MAX,"
            + "SAVE_SPACE_MAX,MODIFICATION_PREVENTION,SUSPENSION_DATE,CREATION_NOTIFICATION";

    protected static byte[] csv(String header, String... rows) {
        return (header + "\n" + String.join("\n", rows) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
