package io.roster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.workspace.IdleTimeoutPolicy;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.workspace.WorkspacePlan;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** The schedule endpoint (admin key of the workspace, paged) and the scheduler's metrics. */
class ScheduledTransitionsIT extends SchedulerIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void anAdminSeesWhatWillHappenToWhichAccountWhenInTheWorkspacesTimeZone() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
        String ws = newWorkspace();
        publish(event(ws, new WorkspaceFacts("Acme", WorkspacePlan.STANDARD, 10, "Europe/Paris", List.of(), List.of(),
                IdleTimeoutPolicy.USERS_CHOOSE, 30, true, true), t0));
        List<String> accounts = List.of(newAccount(), newAccount(), newAccount());
        Instant summer = Instant.parse("2031-07-01T08:00:00Z");
        for (int i = 0; i < accounts.size(); i++) {
            applied(event(ws, created(accounts.get(i), AccountStatus.ACTIVE, summer.plus(Duration.ofHours(i))), t0));
        }
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM scheduler.workspace_zone WHERE workspace_id = ?")
                .param(ws).query(Long.class).single() == 1);
        String key = adminKey(ws);
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + key).build();

        List<Map<String, Object>> first = page(http, ws, "?page=0&size=2");
        assertThat(first).hasSize(2);
        assertThat(first.get(0)).containsEntry("accountId", accounts.get(0))
                .containsEntry("kind", "SUSPENSION_DATE")
                .containsEntry("command", "account.suspend.v1")
                .containsEntry("dueAt", "2031-07-01T08:00:00Z")
                .containsEntry("timeZone", "Europe/Paris")
                .hasEntrySatisfying("dueLocal", local -> assertThat(local.toString()).startsWith("2031-07-01T10:00"));
        assertThat(first.get(1)).containsEntry("accountId", accounts.get(1));
        assertThat(page(http, ws, "?page=1&size=2")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("accountId", accounts.get(2)));

        // bad paging: problem+json naming the parameter
        String problem = http.get().uri("/api/v1/workspaces/{ws}/scheduled-transitions?size=0", ws)
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + response.getHeaders().getContentType() + " " + new String(response.getBody().readAllBytes()));
        assertThat(problem).startsWith("400 application/problem+json").contains("size: must be within 1..1000");
        // another workspace's transitions: not found with this key; none without a key
        assertThat(status(http, "/api/v1/workspaces/someone-else/scheduled-transitions")).isEqualTo(404);
        assertThat(status(RestClient.create("http://localhost:" + port),
                "/api/v1/workspaces/" + ws + "/scheduled-transitions")).isEqualTo(401);
    }

    @Test
    void dueNowNextDueAndLatenessAreMetered() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
        String ws = newWorkspace();
        String account = newAccount();
        applied(event(ws, created(account, AccountStatus.ACTIVE, t0.plus(Duration.ofMinutes(10))), t0));
        double nextDue = meters.get("roster.scheduler.transitions.next-due.seconds").gauge().value();
        assertThat(nextDue).isBetween(0.0, 600.0);
        assertThat(meters.get("roster.scheduler.transitions.due").gauge().value()).isZero();

        long sweptBefore = meters.get("roster.scheduler.sweep.lateness").timer().count();
        clock.set(t0.plus(Duration.ofMinutes(10)).plusSeconds(5));
        await().atMost(WAIT).until(() -> commands(ws).size() == 1);
        assertThat(meters.get("roster.scheduler.sweep.lateness").timer().count()).isGreaterThan(sweptBefore);
        assertThat(meters.get("roster.scheduler.last-sweep.lateness.seconds").tag("quantile", "0.99").gauge().value())
                .isGreaterThanOrEqualTo(5.0);
    }

    private static List<Map<String, Object>> page(RestClient http, String ws, String query) {
        return http.get().uri("/api/v1/workspaces/" + ws + "/scheduled-transitions" + query).retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }

    private static int status(RestClient http, String path) {
        return http.get().uri(path).exchange((request, response) -> response.getStatusCode().value());
    }
}
