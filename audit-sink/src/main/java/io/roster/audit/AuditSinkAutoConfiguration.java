package io.roster.audit;

import io.roster.adminaccess.AccessKeyReplica;
import io.roster.adminaccess.AdminAccess;
import io.roster.adminaccess.AdminEndpoints;
import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.contracts.StrictJson;
import io.roster.messaging.MessagingAutoConfiguration;
import io.roster.messaging.MessagingSupport;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import tools.jackson.databind.DeserializationFeature;

/** audit-sink as a library: its schema, its listener containers, its components. */
@AutoConfiguration(after = MessagingAutoConfiguration.class, before = FlywayAutoConfiguration.class)
@EnableConfigurationProperties(AuditProperties.class)
// The service's components, but not its standalone main (nor auto-configurations) when embedded in another app.
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
@EnableKafka
public class AuditSinkAutoConfiguration {

    /** audit-sink's PostgreSQL schema: fixed, as its SQL names it. */
    static final String SCHEMA = "audit";

    @Bean
    Flyway auditFlyway(DataSource dataSource) {
        return MessagingSupport.flyway(dataSource, SCHEMA, "classpath:db/audit", AdminAccess.MIGRATIONS);
    }

    @Bean
    FlywayMigrationInitializer auditFlywayInitializer(@Qualifier("auditFlyway") Flyway flyway) {
        return new FlywayMigrationInitializer(flyway);
    }

    /** audit-sink's copy of the admin keys invite-service announces: it cannot read invite-service's tables. */
    @Bean
    AccessKeyReplica auditAccessKeys(AdminAccess adminAccess,
            @Value("${roster.audit.consumer-group:roster-audit-sink}") String consumerGroup) {
        return adminAccess.replica(SCHEMA, consumerGroup);
    }

    /** The activity log and every other audit-sink endpoint under a workspace take that workspace's admin keys. */
    @Bean
    AdminEndpoints auditAdminEndpoints(@Qualifier("auditAccessKeys") AccessKeyReplica keys) {
        return new AdminEndpoints("io.roster.audit", keys);
    }

    /** The workspaces' facts: a compacted topic read record by record. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> auditListenerContainerFactory(
            MessagingSupport messaging) {
        return messaging.listenerContainerFactory("roster-audit-sink-workspaces", 1);
    }

    /** The activity events: a poll's records written in one statement. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> auditBatchListenerContainerFactory(
            MessagingSupport messaging, AuditProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> factory =
                messaging.listenerContainerFactory("roster-audit-sink", properties.consumerConcurrency(), true);
        // In the consumer factory's own configuration (this factory's alone): the container factory does not pass
        // its ContainerProperties' kafkaConsumerProperties on to the containers it creates, so set there they were
        // ignored, and polls held Kafka's default 500 records.
        factory.getConsumerFactory().updateConfigs(Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords(),
                // a backlog fills a poll from one partition: 4 MB holds some 5,000 events of a few hundred bytes
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024));
        return factory;
    }

    /**
     * Retention and report bounds read the time here. Injected by its qualifier only: in standalone, the
     * other services' unqualified clocks stay theirs.
     */
    @Bean(defaultCandidate = false)
    Clock auditClock() {
        return Clock.systemUTC();
    }

    /**
     * Request bodies are read as strictly as Kafka records (the published schemas), as invite-service reads them:
     * no value coerced into another JSON type, no unknown field ignored.
     */
    @Bean
    JsonMapperBuilderCustomizer auditStrictJson() {
        return builder -> StrictJson.configure(builder).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
