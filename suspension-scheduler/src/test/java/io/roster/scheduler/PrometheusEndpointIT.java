package io.roster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** suspension-scheduler run alone answers /actuator/prometheus: its Kafka consumers' metrics and the JVM's. */
class PrometheusEndpointIT extends SchedulerIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void prometheusScrapesTheKafkaConsumersAndTheJvm() {
        RestClient http = RestClient.create("http://localhost:" + port);
        await().atMost(WAIT).untilAsserted(() -> {
            String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(scrape).contains(
                    "kafka_consumer_fetch_manager_records_lag_max{client_id=\"roster-suspension-scheduler-",
                    // the factory's name, not "not.managed.by.Spring…"
                    "spring_id=\"roster-suspension-scheduler.roster-suspension-scheduler-",
                    "jvm_memory_used_bytes{",
                    // the scheduler's own figures, under the names the README gives
                    "roster_scheduler_transitions_due ", "roster_scheduler_transitions_next_due_seconds ",
                    "roster_scheduler_sweep_lateness_seconds{quantile=\"0.99\"",
                    "roster_scheduler_last_sweep_lateness_seconds{quantile=\"0.5\"")
                    .doesNotContain("not.managed.by.Spring");
        });
    }
}
