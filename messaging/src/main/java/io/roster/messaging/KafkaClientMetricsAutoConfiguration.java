package io.roster.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The Kafka clients' own metrics (consumer lag, fetch and produce rates, request latencies...) in the Micrometer
 * registry, hence on {@code /actuator/metrics} and {@code /actuator/prometheus}. Spring Boot adds its Micrometer
 * listeners only to the factories it builds itself; every Roster service builds its own (MessagingSupport,
 * MessagingAutoConfiguration), so this adds them to the factories of the listener container factories and
 * templates once those beans exist, before any consumer or producer is created.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public class KafkaClientMetricsAutoConfiguration {

    @Bean
    static BeanPostProcessor rosterKafkaClientMetrics(ObjectProvider<MeterRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                MeterRegistry meters = bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?>
                        || bean instanceof KafkaTemplate<?, ?> ? registry.getIfAvailable() : null;
                if (meters == null) {
                    return bean;
                }
                if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> containers
                        && containers.getConsumerFactory() != null) {
                    measure(containers.getConsumerFactory(), meters);
                } else if (bean instanceof KafkaTemplate<?, ?> template) {
                    measure(template.getProducerFactory(), meters);
                }
                return bean;
            }
        };
    }

    /** Once per factory: Spring Boot's own factories (if a service uses them) have their listener already. */
    private static <K, V> void measure(ConsumerFactory<K, V> factory, MeterRegistry meters) {
        if (factory.getListeners().stream().noneMatch(MicrometerConsumerListener.class::isInstance)) {
            factory.addListener(new MicrometerConsumerListener<>(meters));
        }
    }

    private static <K, V> void measure(ProducerFactory<K, V> factory, MeterRegistry meters) {
        if (factory.getListeners().stream().noneMatch(MicrometerProducerListener.class::isInstance)) {
            factory.addListener(new MicrometerProducerListener<>(meters));
        }
    }
}
