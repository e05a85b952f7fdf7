package io.roster.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Envelope;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.importer.app.ImportWorkerApplication;
import io.roster.messaging.Outbox;
import io.roster.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * import-worker run alone answers /actuator/prometheus: its Kafka clients' metrics and the JVM's. It has no
 * consumer yet, so the Kafka client measured is its outbox's producer, once a row has been relayed.
 */
@SpringBootTest(classes = ImportWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class PrometheusEndpointIT {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("importerOutbox")
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void prometheusScrapesTheKafkaProducerAndTheJvm() {
        Envelope<Payload> sample = GoldenSamples.envelope(MessageType.CREATE_USER);
        transactions.executeWithoutResult(status -> outbox.publish(new Envelope<>(UUID.randomUUID(), sample.type(),
                Instant.now(), "prometheus-it", "prometheus-it-" + UUID.randomUUID(), sample.actor(),
                sample.payload())));

        RestClient http = RestClient.create("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(scrape).contains(
                    "kafka_producer_record_send_total{client_id=\"roster-outbox",
                    // the factory's name, not "not.managed.by.Spring…"
                    "spring_id=\"roster-outbox.roster-outbox",
                    "jvm_memory_used_bytes{")
                    .doesNotContain("not.managed.by.Spring");
        });
    }
}
