package io.roster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Topics;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * A sign-in racing an automatic suspension, across invite-service and suspension-scheduler in one context: the
 * scheduler sends the suspension it queued from what it knew (idle since the account became ACTIVE) before it hears
 * of the sign-in that reached invite-service first. invite-service refuses it as {@code premise_changed} — the account
 * stays ACTIVE, its session works, no status change is announced — and once the scheduler hears of the sign-in, it
 * schedules the suspension from it. The race is made certain: the scheduler's sign-in listener is paused while the
 * suspension falls (its due time pulled to now rather than a day of waiting).
 */
@SpringBootTest(classes = RosterStandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "roster.standalone.embedded-infrastructure=false")
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class SignInRacesSuspensionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "a-long-passphrase";
    private static final String SIGN_INS = "suspension-scheduler.sign-ins";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aSuspensionQueuedBeforeASignInIsRefusedAndTheNextOneCountsFromTheSignIn() {
        String ws = "race-" + UUID.randomUUID().toString().substring(0, 8);
        RestClient operator = client("Bearer roster-operator-demo");
        Map<String, Object> workspace = operator.post().uri("/api/v1/workspaces").contentType(MediaType.APPLICATION_JSON)
                .body("{\"id\": \"%s\", \"name\": \"Race\", \"licenceCount\": 5, \"timeZone\": \"Europe/Paris\"}"
                        .formatted(ws))
                .retrieve().body(new ParameterizedTypeReference<>() { });
        @SuppressWarnings("unchecked")
        String key = (String) ((Map<String, Object>) workspace.get("adminAccessKey")).get("token");
        RestClient admin = client("Bearer " + key);
        admin.put().uri("/api/v1/workspaces/{ws}/settings/automatic-suspension", ws)
                .contentType(MediaType.APPLICATION_JSON).body("{\"suspendAfterDays\": 1}").retrieve().toBodilessEntity();
        String login = "racer." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> account = admin.post().uri("/api/v1/workspaces/{ws}/accounts/users", ws)
                .contentType(MediaType.APPLICATION_JSON).body("""
                        {"login": "%s", "email": "%s@race.example", "firstName": "Ray", "lastName": "Cer",
                         "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false}"""
                        .formatted(login, login))
                .retrieve().body(new ParameterizedTypeReference<>() { });
        String accountId = (String) account.get("id");
        jdbc.sql("UPDATE invite.account SET password_hash = ? WHERE id = ?::uuid")
                .params(new BCryptPasswordEncoder().encode(PASSWORD), accountId).update();
        // the scheduler answers 401 until its copy of the workspace's access keys has the new key
        await().atMost(WAIT).ignoreException(HttpClientErrorException.Unauthorized.class)
                .until(() -> autoSuspend(admin, ws, accountId) != null);
        Instant queued = autoSuspend(admin, ws, accountId);

        MessageListenerContainer signIns = listeners.getListenerContainer(SIGN_INS);
        signIns.pause();
        try (KafkaTestClient kafka = KafkaTestClient.shared()) {
            await().atMost(WAIT).until(signIns::isContainerPaused);
            Map<String, Object> session = client(null).post().uri("/api/v1/sessions")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"workspaceId\": \"%s\", \"login\": \"%s\", \"password\": \"%s\"}".formatted(ws, login,
                            PASSWORD))
                    .retrieve().body(new ParameterizedTypeReference<>() { });
            // the suspension queued from the account's creation falls now, the scheduler unaware of the sign-in
            assertThat(jdbc.sql("UPDATE scheduler.due_transition SET due_at = now() WHERE workspace_id = ?"
                    + " AND subject_id = ? AND kind = 'AUTO_SUSPEND'").params(ws, accountId).update()).isEqualTo(1);

            ConsumerRecord<String, String> refused = kafka.await(Topics.ACCOUNT_EVENTS,
                    r -> r.value().contains(accountId) && r.value().contains("account.request-rejected.v1"), 1, WAIT)
                    .get(0);
            assertThat(refused.value()).contains("account.suspend.v1", "premise_changed", "idleSince",
                    "signed in at");
            assertThat(admin.get().uri("/api/v1/workspaces/{ws}/accounts/{id}", ws, accountId).retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() { })).containsEntry("status", "ACTIVE");
            assertThat(client("Bearer " + session.get("token")).get().uri("/api/v1/me").retrieve()
                    .toBodilessEntity().getStatusCode().value()).isEqualTo(200);
            assertThat(kafka.readAll(Topics.ACCOUNT_EVENTS, r -> r.value().contains(accountId)
                    && r.value().contains("account.status-changed.v1"), Duration.ofSeconds(1))).isEmpty();
        } finally {
            signIns.resume();
        }
        // the scheduler hears of the sign-in: the next suspension counts a day from it
        await().atMost(WAIT).until(() -> {
            Instant next = autoSuspend(admin, ws, accountId);
            return next != null && next.isAfter(queued);
        });
    }

    private RestClient client(String authorization) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + port);
        if (authorization != null) {
            builder.defaultHeader("Authorization", authorization);
        }
        return builder.build();
    }

    private static Instant autoSuspend(RestClient admin, String ws, String accountId) {
        List<Map<String, Object>> listed = admin.get().uri("/api/v1/workspaces/{ws}/scheduled-transitions", ws)
                .retrieve().body(new ParameterizedTypeReference<>() { });
        return listed.stream().filter(t -> accountId.equals(t.get("accountId")) && "AUTO_SUSPEND".equals(t.get("kind")))
                .map(t -> Instant.parse((String) t.get("dueAt"))).findFirst().orElse(null);
    }
}
