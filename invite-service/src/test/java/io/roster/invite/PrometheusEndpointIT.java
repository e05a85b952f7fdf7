package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** invite-service run alone answers /actuator/prometheus: its Kafka consumers' metrics and the JVM's. */
@InviteServiceIntegrationTest
class PrometheusEndpointIT extends InviteServiceTestSupport {

    @Test
    void prometheusScrapesTheKafkaConsumersAndTheJvm() {
        RestClient http = RestClient.create("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(scrape).contains(
                    "kafka_consumer_fetch_manager_records_lag_max{client_id=\"roster-invite-service-batch-",
                    // the factory's name, not "not.managed.by.Spring…"
                    "spring_id=\"roster-invite-service-batch.roster-invite-service-batch-",
                    "jvm_memory_used_bytes{")
                    .doesNotContain("not.managed.by.Spring");
        });
    }
}
