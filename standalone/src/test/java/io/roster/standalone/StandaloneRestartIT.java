package io.roster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
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
            await().atMost(Duration.ofSeconds(30)).until(() -> accounts(first, login).size() == 1);
        }
        assertThat(dataDir.resolve("kafka")).isDirectory();
        assertThat(dataDir.resolve("postgres")).isDirectory();
        try (ConfigurableApplicationContext second = start()) {
            assertThat(accounts(second, login)).hasSize(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(RosterStandaloneApplication.class,
                "--roster.standalone.data-dir=" + dataDir,
                "--server.port=0", "--roster.standalone.kafka-port=0", "--roster.standalone.postgres-port=0",
                "--roster.standalone.smtp-port=0", "--roster.standalone.imap-port=0");
    }

    private static List<Map<String, Object>> accounts(ConfigurableApplicationContext context, String login) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return RestClient.create("http://localhost:" + port).get()
                .uri("/api/v1/workspaces/acme/accounts?text={login}", login).retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }
}
