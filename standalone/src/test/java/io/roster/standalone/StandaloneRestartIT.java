package io.roster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Files;
import java.util.Properties;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The standalone run as a user starts it: embedded Kafka, PostgreSQL and SMTP under a data directory. An
 * account created before a stop is still there after a restart on the same directory.
 */
class StandaloneRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestart() throws Exception {
        Path sample = Path.of("..", "samples", "create-user.json");
        assertThat(sample).exists();
        String login;
        try (ConfigurableApplicationContext first = start()) {
            String bootstrap = first.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
            assertThat(PublishCommand.run(new String[] {"--bootstrap-servers=" + bootstrap, sample.toString()}))
                    .isZero();
            login = new io.roster.contracts.EnvelopeCodec().read(Files.readString(sample)).payload().subject();
            // ignoreExceptions: audit-sink accepts the demo key once its access-key.issued.v1 event has arrived
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> accounts(first, login).size() == 1
                    && mailSubjects(first, "ada.lovelace@acme.example").size() == 1
                    && activity(first).size() == 1 && activity(first, "WORKSPACE_REGISTERED").size() == 1);
        }
        assertThat(dataDir.resolve("kafka")).isDirectory();
        assertThat(dataDir.resolve("postgres")).isDirectory();
        assertThat(dataDir.resolve("mail")).isDirectory();
        Instant restart = Instant.now();
        try (ConfigurableApplicationContext second = start()) {
            assertThat(accounts(second, login)).hasSize(1);
            assertThat(mailSubjects(second, "ada.lovelace@acme.example"))
                    .containsExactly("Your Roster account has been created");
            assertThat(activity(second)).extracting(e -> e.get("action")).containsExactly("ACCOUNT_CREATED");
            // the workspace's facts, republished at the start, are no new entry: acme was registered once (once
            // audit-sink has handled them: it keeps the facts' time after any entry they make)
            await().atMost(Duration.ofSeconds(30)).until(() -> !factsHandledAt(second).isBefore(restart));
            assertThat(activity(second, "WORKSPACE_REGISTERED")).hasSize(1);
            assertThat(activity(second, "WORKSPACE_CHANGED")).isEmpty();
        }
    }

    /**
     * A Roster of its own in this JVM, beside the test context the other ITs share. Its Quartz scheduler has a name of
     * its own: Quartz keeps a job store's connections in a JVM-wide registry by scheduler name, so under the shared
     * context's name it took over that context's connections and, once closed, left its sweep with a closed pool (no
     * suspension date fell in the ITs that ran after it).
     */
    private ConfigurableApplicationContext start() {
        return SpringApplication.run(RosterStandaloneApplication.class,
                "--spring.quartz.scheduler-name=roster-restart-it",
                "--roster.standalone.data-dir=" + dataDir,
                "--server.port=0", "--roster.standalone.kafka-port=0", "--roster.standalone.postgres-port=0",
                "--roster.standalone.smtp-port=0", "--roster.standalone.imap-port=0");
    }

    /** When the facts of acme that audit-sink handled last were published. */
    private static Instant factsHandledAt(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class).sql("SELECT updated_at FROM audit.workspace WHERE workspace_id = 'acme'")
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    /** The mailbox over IMAP, as the README shows it (any password). */
    private static List<String> mailSubjects(ConfigurableApplicationContext context, String address)
            throws Exception {
        int imapPort = context.getEnvironment().getRequiredProperty("roster.standalone.mail.imap-port", Integer.class);
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new java.util.ArrayList<>();
            for (Message m : inbox.getMessages()) {
                subjects.add(m.getSubject());
            }
            return subjects;
        } finally {
            store.close();
        }
    }

    /** The account entries (acme's log has its key's and its facts' entries too). */
    private static List<Map<String, Object>> activity(ConfigurableApplicationContext context) {
        return activity(context, "ACCOUNT_CREATED");
    }

    private static List<Map<String, Object>> activity(ConfigurableApplicationContext context, String action) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer rk_demo.roster-demo-secret").build().get()
                .uri("/api/v1/workspaces/acme/activity?activity={action}", action)
                .retrieve().body(new ParameterizedTypeReference<>() { });
    }

    private static List<Map<String, Object>> accounts(ConfigurableApplicationContext context, String login) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer rk_demo.roster-demo-secret").build().get()
                .uri("/api/v1/workspaces/acme/accounts?text={login}", login).retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }
}
