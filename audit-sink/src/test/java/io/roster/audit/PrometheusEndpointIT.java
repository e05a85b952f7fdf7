package io.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.audit.app.AuditSinkApplication;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

/** audit-sink run alone answers /actuator/prometheus: its Kafka consumers' metrics and the JVM's. */
@SpringBootTest(classes = AuditSinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class PrometheusEndpointIT {

    @LocalServerPort
    int port;

    @Test
    void prometheusScrapesTheKafkaConsumersAndTheJvm() {
        RestClient http = RestClient.create("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(scrape).contains(
                    "kafka_consumer_fetch_manager_records_lag_max{client_id=\"roster-audit-sink-",
                    // the factory's name, not "not.managed.by.Spring…"
                    "spring_id=\"roster-audit-sink.roster-audit-sink-",
                    "jvm_memory_used_bytes{")
                    .doesNotContain("not.managed.by.Spring");
        });
    }
}
