package io.roster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * A suspension date is a local time in the workspace's zone (Europe/Paris for acme), read by invite-service and
 * scheduled by suspension-scheduler: across daylight saving, a local time that does not exist (in the spring-forward
 * gap) means the same time after the change, and one that exists twice (in the fall-back overlap) its first
 * occurrence (README, "A suspension date, scheduled"). The next transitions of Paris after today, so the dates are
 * always in the future.
 */
@SpringBootTest(classes = RosterStandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "roster.standalone.embedded-infrastructure=false")
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class SuspensionDateDaylightSavingIT {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter TEMPLATE_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu/HH:mm");

    @LocalServerPort
    int port;

    @Test
    void aSkippedLocalTimeFallsAfterTheGapAndARepeatedOneAtItsFirstOccurrence() {
        ZoneOffsetTransition gap = next(true);
        ZoneOffsetTransition overlap = next(false);
        // 02:30 on the spring-forward night does not exist: 03:30 summer time, 30 minutes after the change
        LocalDateTime skipped = gap.getDateTimeBefore().plusMinutes(30);
        // 02:30 on the fall-back night exists twice: the first, in summer time, 30 minutes before the change
        LocalDateTime repeated = overlap.getDateTimeAfter().plusMinutes(30);
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer rk_demo.roster-demo-secret").build();

        String inGap = user(http, skipped);
        String inOverlap = user(http, repeated);

        // 401 until the scheduler's copy of the access keys holds the demo key (a fresh JVM may run this test first)
        await().atMost(Duration.ofSeconds(30)).ignoreException(HttpClientErrorException.Unauthorized.class)
                .until(() -> due(http, inGap) != null && due(http, inOverlap) != null);
        Map<String, Object> afterGap = due(http, inGap);
        assertThat(Instant.parse((String) afterGap.get("dueAt"))).isEqualTo(gap.getInstant().plusSeconds(1800));
        assertThat(afterGap).containsEntry("timeZone", "Europe/Paris").containsEntry("command", "account.suspend.v1");
        assertThat(LocalDateTime.parse((String) afterGap.get("dueLocal"))).isEqualTo(skipped.plusHours(1));
        Map<String, Object> firstOfTwo = due(http, inOverlap);
        assertThat(Instant.parse((String) firstOfTwo.get("dueAt"))).isEqualTo(overlap.getInstant().minusSeconds(1800));
        assertThat(LocalDateTime.parse((String) firstOfTwo.get("dueLocal"))).isEqualTo(repeated);
    }

    /** Paris' next change to summer time ({@code gap}) or back. */
    private static ZoneOffsetTransition next(boolean gap) {
        ZoneOffsetTransition t = PARIS.getRules().nextTransition(Instant.now().plus(Duration.ofDays(1)));
        return t.isGap() == gap ? t : PARIS.getRules().nextTransition(t.getInstant());
    }

    private static String user(RestClient http, LocalDateTime suspensionDate) {
        String login = "dst." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> created = http.post().uri("/api/v1/workspaces/acme/accounts/users")
                .contentType(MediaType.APPLICATION_JSON).body("""
                        {"login": "%s", "email": "%s@acme.example", "firstName": "Dee", "lastName": "Ess",
                         "status": "ACTIVE", "mailLanguage": "en", "visibilityScope": "PUBLIC",
                         "creationNotification": false, "suspensionDate": "%s"}"""
                        .formatted(login, login, TEMPLATE_DATE.format(suspensionDate)))
                .retrieve().body(new ParameterizedTypeReference<>() { });
        return (String) created.get("id");
    }

    private static Map<String, Object> due(RestClient http, String accountId) {
        List<Map<String, Object>> listed = http.get().uri("/api/v1/workspaces/acme/scheduled-transitions?size=1000")
                .retrieve().body(new ParameterizedTypeReference<>() { });
        return listed.stream().filter(t -> accountId.equals(t.get("accountId"))
                && "SUSPENSION_DATE".equals(t.get("kind"))).findFirst().orElse(null);
    }
}
