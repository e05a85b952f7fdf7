package io.roster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountDeleted;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * An undecodable record of 1.5 MB, gzip-compressed to a few KB so that a topic allowing large messages takes it,
 * is over the dead-letter producer's 1 MB {@code max.request.size}: it lands on the .DLT cut to fit, with its
 * reason and the truncation headers, and the good record behind it on the same partition is handled. Before, the
 * dead-letter send failed, the error handler tried the record again and again, and the partition stood still.
 */
class DeadLetterTruncationIT {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Glue {
    }

    @Test
    void aRecordTooLargeForTheDeadLetterProducerIsDeadLetteredTruncatedAndThePartitionMovesOn() throws Exception {
        Map<String, Object> properties = new HashMap<>(SharedInfrastructure.springProperties());
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.flyway.enabled", "false");
        String bootstrap = (String) properties.get("spring.kafka.bootstrap-servers");
        String topic = "dlt-truncation-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(
                    new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "20971520")),
                    new NewTopic(Topics.deadLetter(topic), 1, (short) 1))).all().get();
        }
        String poison = "not JSON " + "x".repeat(1_500_000);
        Envelope<AccountDeleted> good = Envelope.of("dlt-truncation-it", "req-good", Actor.system("dlt-it"),
                new AccountDeleted("good", "p-good"));
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 20 * 1024 * 1024), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "dlt-truncation-it/poison",
                    poison.getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, good.key(), new EnvelopeCodec().write(good))).get();
        }

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Glue.class)
                .properties(properties).run()) {
            List<Envelope<Payload>> handled = new CopyOnWriteArrayList<>();
            ConcurrentMessageListenerContainer<String, Envelope<Payload>> container = context
                    .getBean(MessagingSupport.class).listenerContainerFactory("dlt-truncation-it", 1)
                    .createContainer(topic);
            container.getContainerProperties().setGroupId("dlt-truncation-it-" + UUID.randomUUID());
            container.getContainerProperties().setMessageListener(
                    (MessageListener<String, Envelope<Payload>>) record -> handled.add(record.value()));
            container.start();
            try {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(handled).extracting(Envelope::eventId).containsExactly(good.eventId()));
                var deadLetters = KafkaTestClient.shared().await(Topics.deadLetter(topic), r -> true, 1,
                        Duration.ofSeconds(30));
                var deadLetter = deadLetters.get(0);
                assertThat(deadLetter.key()).isEqualTo("dlt-truncation-it/poison");
                assertThat(KafkaTestClient.header(deadLetter, MessagingSupport.DEAD_LETTER_REASON_HEADER))
                        .startsWith("not valid JSON");
                assertThat(KafkaTestClient.header(deadLetter, TruncatingDeadLetterRecoverer.TRUNCATED_HEADER))
                        .isEqualTo("true");
                assertThat(KafkaTestClient.header(deadLetter, TruncatingDeadLetterRecoverer.ORIGINAL_SIZE_HEADER))
                        .isEqualTo(String.valueOf(poison.length()));
                assertThat(deadLetter.value()).startsWith("not JSON xxx").hasSizeLessThan(1024 * 1024)
                        .hasSizeGreaterThan(900 * 1024);
                assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(topic);
            } finally {
                container.stop();
            }
        }
    }
}
