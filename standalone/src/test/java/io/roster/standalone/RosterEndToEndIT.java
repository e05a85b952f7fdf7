package io.roster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.CreateUser;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.Mailboxes;
import io.roster.testsupport.SharedInfrastructureInitializer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The walking skeleton across all four services in one context, on the real broker, database and mail server:
 * an upstream create-user request becomes an account row, an account.created.v1 event from the outbox, a
 * creation mail and an activity-log entry.
 */
@SpringBootTest(classes = RosterStandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "roster.standalone.embedded-infrastructure=false")
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class RosterEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Test
    void anOnboardingRequestReachesEveryHop() throws Exception {
        EnvelopeCodec codec = new EnvelopeCodec();
        Envelope<Payload> sample = GoldenSamples.envelope(MessageType.CREATE_USER);
        CreateUser user = (CreateUser) sample.payload();
        String requestId = "e2e-" + UUID.randomUUID();
        Envelope<Payload> request = new Envelope<>(UUID.randomUUID(), sample.type(), sample.occurredAt(), "acme",
                requestId, sample.actor(), user);
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer rk_demo.roster-demo-secret").build();

        try (KafkaTestClient kafka = KafkaTestClient.shared()) {
            kafka.send(Topics.ACCOUNT_REQUESTS, request.key(), codec.writeString(request));
            kafka.send(Topics.ACCOUNT_REQUESTS, request.key(), codec.writeString(request));

            // 1. the event, published through the outbox, correlated by request id
            Envelope<Payload> event = codec.read(kafka.await(Topics.ACCOUNT_EVENTS,
                    r -> r.value().contains(requestId), 1, WAIT).get(0).value());
            AccountCreated created = (AccountCreated) event.payload();
            assertThat(event.type()).isEqualTo("account.created.v1");

            // 2. the account, through the REST API
            Map<String, Object> account = http.get()
                    .uri("/api/v1/workspaces/acme/accounts/{id}", created.accountId()).retrieve()
                    .body(new ParameterizedTypeReference<>() { });
            assertThat(account).containsEntry("login", user.login().toLowerCase())
                    .containsEntry("status", "ACTIVE");
            List<Map<String, Object>> listed = http.get()
                    .uri("/api/v1/workspaces/acme/accounts?text={t}", user.login()).retrieve()
                    .body(new ParameterizedTypeReference<>() { });
            assertThat(listed).hasSize(1);

            // 3. the creation mail
            String address = user.email().toLowerCase();
            await().atMost(WAIT).until(() -> Mailboxes.receivedBy(address).length >= 1);
            assertThat(Mailboxes.receivedBy(address)).hasSize(1);

            // 4. the activity-log entry, through the REST API
            // 401 until audit-sink's copy of the access keys holds the demo key (this test may run first in its JVM)
            await().atMost(WAIT).ignoreException(HttpClientErrorException.Unauthorized.class)
                    .until(() -> activity(http).stream().anyMatch(e -> requestId.equals(e.get("requestId"))));
            Map<String, Object> entry = activity(http).stream()
                    .filter(e -> requestId.equals(e.get("requestId"))).findFirst().orElseThrow();
            assertThat(entry).containsEntry("action", "ACCOUNT_CREATED")
                    .containsEntry("accountId", created.accountId());

            // the duplicate request changed nothing
            assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, r -> r.value().contains(requestId),
                    Duration.ofSeconds(2))).hasSize(1);
        }
    }

    /** invite-service → account.created.v1 → suspension-scheduler (Quartz) → account.suspend.v1 → invite-service. */
    @Test
    void anAccountIsSuspendedOnItsSuspensionDate() {
        EnvelopeCodec codec = new EnvelopeCodec();
        CreateUser sample = (CreateUser) GoldenSamples.envelope(MessageType.CREATE_USER).payload();
        String login = "suspended." + UUID.randomUUID().toString().substring(0, 8);
        String at = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Paris")).plusSeconds(4)
                .withNano(0).toString();
        CreateUser user = new CreateUser(login, login + "@acme.example", sample.firstName(), sample.lastName(),
                "ACTIVE", "en", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                at, false, null, null, null, null, null, null);
        Envelope<CreateUser> request = new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(),
                java.time.Instant.now(), "acme", "suspend-" + UUID.randomUUID(), null, user);
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer rk_demo.roster-demo-secret").build();
        try (KafkaTestClient kafka = KafkaTestClient.shared()) {
            kafka.send(Topics.ACCOUNT_REQUESTS, request.key(), codec.writeString(request));
            AccountCreated created = (AccountCreated) codec.read(kafka.await(Topics.ACCOUNT_EVENTS,
                    r -> r.value().contains(request.requestId()), 1, WAIT).get(0).value()).payload();
            await().atMost(WAIT).until(() -> "INACTIVE".equals(http.get()
                    .uri("/api/v1/workspaces/acme/accounts/{id}", created.accountId()).retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() { }).get("status")));
            Envelope<Payload> changed = codec.read(kafka.await(Topics.ACCOUNT_EVENTS,
                    r -> r.value().contains(created.accountId()) && r.value().contains("status-changed"), 1, WAIT)
                    .get(0).value());
            assertThat(changed.actor().kind()).isEqualTo(io.roster.contracts.Actor.Kind.SCHEDULER);
        }
    }

    @Test
    void healthIsUpAndOneOpenApiDocumentDescribesEveryService() {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer rk_demo.roster-demo-secret").build();
        Map<String, Object> health = http.get().uri("/actuator/health").retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(health).containsEntry("status", "UP");
        String openApi = http.get().uri("/v3/api-docs").retrieve().body(String.class);
        int anonymous = RestClient.create("http://localhost:" + port).get()
                .uri("/api/v1/workspaces/acme/activity").exchange((request, response) -> response.getStatusCode().value());
        assertThat(anonymous).isEqualTo(401);
        assertThat(openApi).contains("/api/v1/workspaces/{workspaceId}/accounts",
                "/api/v1/workspaces/{workspaceId}/activity");
    }

    /**
     * The README tour's two bad requests, read back with {@code ./roster consume}: the schema-valid sample that breaks
     * the rules gets its rejection, every reason named, on the events topic; the undecodable one lands on the
     * dead-letter topic with its reason header.
     */
    @Test
    void theTourShowsARejectionWithItsReasonsAndAPoisonRecordWithItsDeadLetterReason() throws Exception {
        String bootstrap = io.roster.testsupport.SharedInfrastructure.get().kafka().bootstrapServers();
        java.nio.file.Path samples = java.nio.file.Path.of("..", "samples");
        assertThat(PublishCommand.run(new String[] {"--bootstrap-servers=" + bootstrap,
                samples.resolve("invalid-create-user.json").toString()})).isZero();
        assertThat(PublishCommand.run(new String[] {"--bootstrap-servers=" + bootstrap, "--raw",
                Topics.ACCOUNT_REQUESTS, samples.resolve("poison.json").toString()})).isZero();

        await().atMost(WAIT).until(() -> consume(bootstrap, Topics.ACCOUNT_EVENTS).contains("hr-onboarding-0003"));
        String rejection = consume(bootstrap, Topics.ACCOUNT_EVENTS);
        assertThat(rejection).contains("headers: roster-type: account.request-rejected.v1",
                "\"requestId\" : \"hr-onboarding-0003\"", "\"field\" : \"email\"", "\"field\" : \"lastName\"",
                "\"field\" : \"phone\"", "\"field\" : \"suspensionDate\"", "\"code\" : \"in_past\"");

        String deadLetters = Topics.deadLetter(Topics.ACCOUNT_REQUESTS);
        await().atMost(WAIT).until(() -> consume(bootstrap, deadLetters).contains("\"login\": \"broken\""));
        assertThat(consume(bootstrap, deadLetters)).contains("roster-dlt-reason: not valid JSON",
                "kafka_dlt-original-topic: " + Topics.ACCOUNT_REQUESTS);
        // nothing of the rejected request was written
        List<Map<String, Object>> accounts = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer rk_demo.roster-demo-secret").build().get()
                .uri("/api/v1/workspaces/acme/accounts?text=alan").retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(accounts).isEmpty();
    }

    private static String consume(String bootstrap, String topic) {
        var out = new java.io.ByteArrayOutputStream();
        var printer = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ConsumeCommand.run(new String[] {"--bootstrap-servers=" + bootstrap, "--last=50", topic}, printer,
                printer)).isZero();
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Prometheus scrapes the Kafka clients' own metrics (consumer lag, producer sends) and the HTTP ones. */
    @Test
    void prometheusScrapesKafkaClientAndHttpMetrics() throws Exception {
        String requestId = "metrics-" + UUID.randomUUID();
        // the tour's invalid request under a new request id: its rejection is an event the outbox producer relays
        String request = java.nio.file.Files.readString(java.nio.file.Path.of("..", "samples", "invalid-create-user.json"))
                .replace("hr-onboarding-0003", requestId)
                .replaceFirst("\"eventId\": \"[^\"]+\"", "\"eventId\": \"" + UUID.randomUUID() + "\"");
        try (KafkaTestClient kafka = KafkaTestClient.shared()) {
            kafka.send(Topics.ACCOUNT_REQUESTS, "acme/alan.turing", request);
            kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains(requestId), 1, WAIT);
        }
        RestClient http = RestClient.create("http://localhost:" + port);
        await().atMost(WAIT).untilAsserted(() -> assertThat(http.get().uri("/actuator/prometheus").retrieve()
                .body(String.class)).contains(
                        "kafka_consumer_fetch_manager_records_lag_max{client_id=\"roster-invite-service-batch-",
                        "kafka_producer_record_send_total{client_id=\"roster-outbox",
                        "http_server_requests_seconds_count{"));
    }

    @Test
    void theOpenApiDocumentIsNamedAndVersionedAndProbesAnswer() {
        RestClient http = RestClient.create("http://localhost:" + port);
        Map<String, Object> openApi = http.get().uri("/v3/api-docs").retrieve()
                .body(new ParameterizedTypeReference<>() { });
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) openApi.get("info");
        assertThat(info).containsEntry("title", "Roster API");
        // the Maven project version, filtered into application.yaml at build time
        assertThat((String) info.get("version")).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat((String) info.get("description")).contains("invite-service", "audit-sink");

        for (String probe : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
            assertThat(http.get().uri(probe).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { }))
                    .as(probe).containsEntry("status", "UP");
        }
    }

    /**
     * One behaviour for the activity log in standalone: audit-sink checks the keys invite-service announced, so a new
     * workspace's key reads its own log only, and a revoked key stops working there too.
     */
    @Test
    void theActivityLogTakesTheWorkspacesOwnKeysAndForgetsRevokedOnes() {
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> created = RestClient.create("http://localhost:" + port).post().uri("/api/v1/workspaces")
                .header("Authorization", "Bearer roster-operator-demo")
                .header("Content-Type", "application/json")
                .body("{\"id\": \"" + id + "\", \"plan\": \"TRIAL\", \"licenceCount\": 5}")
                .retrieve().body(new ParameterizedTypeReference<>() { });
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) created.get("adminAccessKey");
        String token = (String) key.get("token");
        await().atMost(WAIT).until(() -> status("/api/v1/workspaces/" + id + "/activity", token) == 200);
        assertThat(status("/api/v1/workspaces/acme/activity", token)).isEqualTo(404);
        assertThat(status("/api/v1/workspaces/" + id + "/activity", "rk_demo.roster-demo-secret")).isEqualTo(404);
        assertThat(status("/api/v1/workspaces/" + id + "/activity", key.get("id") + ".wrong")).isEqualTo(401);

        int revoked = RestClient.create("http://localhost:" + port).delete()
                .uri("/api/v1/workspaces/{ws}/access-keys/{key}", id, key.get("id"))
                .header("Authorization", "Bearer " + token)
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(revoked).isEqualTo(204);
        assertThat(status("/api/v1/workspaces/" + id + "/accounts", token)).isEqualTo(401);
        await().atMost(WAIT).until(() -> status("/api/v1/workspaces/" + id + "/activity", token) == 401);
    }

    /**
     * A Users file imported with {@code ./roster import} through the HTTP API: a dry run writes nothing, the import
     * creates the accounts in invite-service, and the same file again creates nothing and says which rows failed.
     */
    @Test
    void aUsersFileIsImportedWithTheCommandLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> created = RestClient.create("http://localhost:" + port).post().uri("/api/v1/workspaces")
                .header("Authorization", "Bearer roster-operator-demo")
                .header("Content-Type", "application/json")
                .body("{\"id\": \"" + id + "\", \"plan\": \"TRIAL\", \"licenceCount\": 5}")
                .retrieve().body(new ParameterizedTypeReference<>() { });
        @SuppressWarnings("unchecked")
        String token = (String) ((Map<String, Object>) created.get("adminAccessKey")).get("token");
        java.nio.file.Path file = dir.resolve("users.csv");
        java.nio.file.Files.writeString(file, """
                LASTNAME,FIRSTNAME,EMAIL,STATUS,LOGIN,MAIL_LANGUAGE,SHARE_SPACE_MAX,SAVE_SPACE_MAX,CREATION_NOTIFICATION
                Hopper,Grace,grace@example.com,ACTIVE,grace.hopper,en,,,NO
                Turing,Alan,alan@example.com,ACTIVE,alan.turing,en,,,NO
                """);
        String[] dryRun = {"--workspace", id, "--type", "users", "--dry-run", "--key", token, "--url",
                "http://localhost:" + port, file.toString()};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        // the key and the workspace reach import-worker through Kafka, a moment after the workspace is created
        await().atMost(WAIT).until(() -> ImportCommand.run(dryRun, print, quiet) == 0);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("dry run: 2 rows read, 2 valid, 0 invalid (nothing written)");

        out.reset();
        String[] apply = {"--workspace", id, "--type", "users", "--key", token, "--url", "http://localhost:" + port,
                file.toString()};
        assertThat(ImportCommand.run(apply, print, quiet)).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("import: 2 rows read, 2 valid, 0 invalid, 2 accounts created, 0 refused when applied");
        assertThat(RestClient.create("http://localhost:" + port).get()
                .uri("/api/v1/workspaces/{ws}/accounts?text=grace", id).header("Authorization", "Bearer " + token)
                .retrieve().body(String.class)).contains("grace.hopper");

        out.reset();
        assertThat(ImportCommand.run(apply, print, quiet)).isEqualTo(1);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("2 invalid, 0 accounts created", "/errors.xlsx");

        // the upload path takes files far over the 64 KB body limit of the other endpoints, which keep it
        java.nio.file.Path big = dir.resolve("big.csv");
        java.nio.file.Files.writeString(big, "LASTNAME,FIRSTNAME,EMAIL,STATUS,LOGIN,MAIL_LANGUAGE,SHARE_SPACE_MAX,"
                + "SAVE_SPACE_MAX,BIOGRAPHY\nDoe,John,john@example.com,ACTIVE,john.doe,en,,," + "x".repeat(3_000_000)
                + "\n");
        out.reset();
        ImportCommand.run(new String[] {"--workspace", id, "--type", "users", "--dry-run", "--key", token, "--url",
                "http://localhost:" + port, big.toString()}, print, quiet);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("uploaded big.csv (3000");
        int refused = RestClient.create("http://localhost:" + port).post()
                .uri("/api/v1/workspaces/{ws}/accounts/users", id).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").body("{\"login\": \"" + "x".repeat(100_000) + "\"}")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(refused).isEqualTo(413);
    }

    private int status(String path, String token) {
        return RestClient.create("http://localhost:" + port).get().uri(path).header("Authorization", "Bearer " + token)
                .exchange((request, response) -> response.getStatusCode().value());
    }

    private static List<Map<String, Object>> activity(RestClient http) {
        return http.get().uri("/api/v1/workspaces/acme/activity").retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }

}
