package io.roster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The outbox relay's template (String values) and the one for values already encoded (import-worker's commands)
 * send alike: idempotent, acknowledged by every in-sync replica, in large snappy batches — only their client ids
 * and value types differ.
 */
class RelayTemplatesTest {

    private final MessagingAutoConfiguration configuration = new MessagingAutoConfiguration();

    @Test
    void valuesAlreadyEncodedAreSentWithTheRelaysGuarantees() {
        KafkaProperties kafka = new KafkaProperties();
        Map<String, Object> relay = configuration.rosterOutboxTemplate(kafka).getProducerFactory()
                .getConfigurationProperties();
        Map<String, Object> encoded = configuration.rosterEncodedTemplate(kafka).getProducerFactory()
                .getConfigurationProperties();
        for (String setting : new String[] {ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.BATCH_SIZE_CONFIG,
                ProducerConfig.COMPRESSION_TYPE_CONFIG}) {
            assertThat(encoded.get(setting)).as(setting).isEqualTo(relay.get(setting)).isNotNull();
        }
        assertThat(encoded).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        assertThat(relay).containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "roster-outbox");
        assertThat(encoded).containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "roster-encoded");
    }

    @Test
    void aSpringKafkaSettingStillWinsOverTheRelaysDefaults() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getProducer().getProperties().put(ProducerConfig.LINGER_MS_CONFIG, "5");
        assertThat(configuration.rosterEncodedTemplate(kafka).getProducerFactory().getConfigurationProperties())
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
    }
}
