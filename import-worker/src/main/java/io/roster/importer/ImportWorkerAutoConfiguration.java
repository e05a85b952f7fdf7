package io.roster.importer;

import io.roster.messaging.MessagingAutoConfiguration;
import io.roster.messaging.MessagingSupport;
import io.roster.messaging.Outbox;
import io.roster.messaging.OutboxRelay;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** import-worker as a library: its schema and the outbox its account-creation requests leave through. */
@AutoConfiguration(after = MessagingAutoConfiguration.class, before = FlywayAutoConfiguration.class)
// The service's components, but not its standalone main (nor auto-configurations) when embedded in another app.
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
public class ImportWorkerAutoConfiguration {

    /** import-worker's PostgreSQL schema: fixed, as its SQL names it. */
    static final String SCHEMA = "importer";

    @Bean
    Flyway importerFlyway(DataSource dataSource) {
        return MessagingSupport.flyway(dataSource, SCHEMA, "classpath:db/importer");
    }

    @Bean
    FlywayMigrationInitializer importerFlywayInitializer(@Qualifier("importerFlyway") Flyway flyway) {
        return new FlywayMigrationInitializer(flyway);
    }

    @Bean
    Outbox importerOutbox(MessagingSupport messaging) {
        return messaging.outbox(SCHEMA);
    }

    @Bean
    OutboxRelay importerOutboxRelay(MessagingSupport messaging, @Qualifier("importerOutbox") Outbox outbox) {
        return messaging.relay(outbox);
    }
}
