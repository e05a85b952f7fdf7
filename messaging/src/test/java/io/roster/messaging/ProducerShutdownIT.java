package io.roster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** The producers of the shared messaging glue end with their context, not with the JVM. */
class ProducerShutdownIT {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Glue {
    }

    @Test
    @SuppressWarnings("unchecked")
    void outboxAndDeadLetterProducersCloseWithTheirContext() throws Exception {
        Map<String, Object> properties = new HashMap<>(SharedInfrastructure.springProperties());
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.flyway.enabled", "false");
        String bootstrap = (String) properties.get("spring.kafka.bootstrap-servers");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("shutdown-it", 1, (short) 1))).all().get();
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Glue.class)
                .properties(properties).run()) {
            context.getBean("rosterOutboxTemplate", KafkaTemplate.class)
                    .send("shutdown-it", "k", "outbox".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .get(30, TimeUnit.SECONDS);
            context.getBean("rosterDeadLetterTemplate", KafkaTemplate.class)
                    .send("shutdown-it", "k", "dead letter").get(30, TimeUnit.SECONDS);
            assertThat(producerThreads()).hasSize(2);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(producerThreads()).isEmpty());
    }

    private static List<String> producerThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("kafka-producer-network-thread | roster-")).toList();
    }
}
