package io.roster.scheduler;

import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.messaging.MessagingAutoConfiguration;
import io.roster.messaging.MessagingSupport;
import io.roster.messaging.Outbox;
import io.roster.messaging.OutboxRelay;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/** suspension-scheduler as a library: its schema (with Quartz's tables), outbox and listener containers. */
@AutoConfiguration(after = MessagingAutoConfiguration.class,
        before = {FlywayAutoConfiguration.class, QuartzAutoConfiguration.class})
@EnableConfigurationProperties(SchedulerProperties.class)
// The service's components, but not its standalone main (nor auto-configurations) when embedded in another app.
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
@EnableKafka
public class SuspensionSchedulerAutoConfiguration {

    /** suspension-scheduler's PostgreSQL schema (Quartz tables included): fixed, as its SQL names it. */
    static final String SCHEMA = "scheduler";

    @Bean
    Flyway schedulerFlyway(DataSource dataSource) {
        return MessagingSupport.flyway(dataSource, SCHEMA, "classpath:db/scheduler");
    }

    @Bean
    FlywayMigrationInitializer schedulerFlywayInitializer(@Qualifier("schedulerFlyway") Flyway flyway) {
        return new FlywayMigrationInitializer(flyway);
    }

    @Bean
    Outbox schedulerOutbox(MessagingSupport messaging) {
        return messaging.outbox(SCHEMA);
    }

    @Bean
    OutboxRelay schedulerOutboxRelay(MessagingSupport messaging, @Qualifier("schedulerOutbox") Outbox outbox) {
        return messaging.relay(outbox);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> schedulerListenerContainerFactory(
            MessagingSupport messaging, SchedulerProperties properties) {
        return messaging.listenerContainerFactory("roster-suspension-scheduler", properties.consumerConcurrency());
    }
}
