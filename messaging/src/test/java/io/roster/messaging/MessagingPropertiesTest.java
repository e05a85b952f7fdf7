package io.roster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class MessagingPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(MessagingProperties.class)
    static class Config {
    }

    @Test
    void defaultsAndOverridesBind() {
        new ApplicationContextRunner().withUserConfiguration(Config.class)
                .withPropertyValues("roster.messaging.relay.batch-size=50")
                .run(context -> {
                    assertThat(context).hasNotFailed();

                    MessagingProperties p = context.getBean(MessagingProperties.class);
                    assertThat(p.relay().batchSize()).isEqualTo(50);
                    assertThat(p.relay().pollInterval()).isEqualTo(Duration.ofMillis(500));
                    assertThat(p.topics().partitions()).containsEntry("roster.account.requests", 12);
                    assertThat(p.retry().maxAttempts()).isEqualTo(8);
                    assertThat(p.relay().vacuumAfter()).isEqualTo(50_000);
                });
    }

    @Test
    void consumersWaitForAFullerFetchUnlessSpringsKafkaPropertiesSayOtherwise() {
        new ApplicationContextRunner().withUserConfiguration(Config.class).run(context -> {
            MessagingProperties properties = context.getBean(MessagingProperties.class);
            var deadLetters = new org.springframework.kafka.core.KafkaTemplate<Object, Object>(
                    new org.springframework.kafka.core.DefaultKafkaProducerFactory<>(java.util.Map.of()));
            var kafka = new org.springframework.boot.kafka.autoconfigure.KafkaProperties();
            var support = new MessagingSupport(null, null, new io.roster.contracts.EnvelopeCodec(), kafka, null,
                    deadLetters, properties, context.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));
            assertThat(support.listenerContainerFactory("test", 1).getConsumerFactory().getConfigurationProperties())
                    .containsEntry("fetch.min.bytes", 256 * 1024)
                    .containsEntry("fetch.max.wait.ms", 25);

            // spring.kafka.consumer.fetch-min-size / fetch-max-wait win
            kafka.getConsumer().setFetchMinSize(org.springframework.util.unit.DataSize.ofBytes(1));
            kafka.getConsumer().setFetchMaxWait(Duration.ofMillis(500));
            assertThat(support.listenerContainerFactory("test", 1).getConsumerFactory().getConfigurationProperties())
                    .containsEntry("fetch.min.bytes", 1)
                    .containsEntry("fetch.max.wait.ms", 500);
        });
    }

    @Test
    void aDatabaseOutageIsRetriedForeverAndABadRecordIsNot() {
        var outage = new org.springframework.kafka.listener.ListenerExecutionFailedException("listener failed",
                new org.springframework.transaction.CannotCreateTransactionException("no connection",
                        new java.sql.SQLTransientConnectionException("pool exhausted")));
        assertThat(MessagingSupport.isOutage(outage)).isTrue();
        assertThat(MessagingSupport.isOutage(new RuntimeException(new IllegalStateException("bug")))).isFalse();
        var execution = MessagingSupport.outageBackOff(new MessagingProperties.Retry(Duration.ofMillis(200),
                Duration.ofSeconds(5), 8)).start();
        for (int i = 0; i < 1000; i++) {
            assertThat(execution.nextBackOff()).isBetween(200L, 5000L);
        }
    }

    @Test
    void deadLetterReasonIsTheRootCause() {
        Exception e = new RuntimeException("outer", new IllegalStateException("inner", new java.io.IOException("root")));
        assertThat(MessagingSupport.reason(e)).isEqualTo("IOException: root");
        Exception decoding = new RuntimeException("listener failed",
                new io.roster.contracts.InvalidMessageException("not valid JSON: x", new java.io.IOException("y")));
        assertThat(MessagingSupport.reason(decoding)).isEqualTo("not valid JSON: x");
    }
}
