package io.roster.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** import-worker run alone answers /actuator/prometheus: its Kafka consumers' metrics and the JVM's. */
class PrometheusEndpointIT extends ImporterIT {

    @Test
    void prometheusScrapesTheKafkaConsumersAndTheJvm() {
        RestClient http = RestClient.create("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(scrape).contains(
                    "kafka_consumer_fetch_manager_records_lag_max{client_id=\"roster-import-worker-",
                    // the factory's name, not "not.managed.by.Spring…"
                    "spring_id=\"roster-import-worker.roster-import-worker-",
                    "jvm_memory_used_bytes{")
                    .doesNotContain("not.managed.by.Spring");
        });
    }
}
