package io.roster.importer;

import io.roster.adminaccess.AccessKeyReplica;
import io.roster.adminaccess.AdminAccess;
import io.roster.adminaccess.AdminEndpoints;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Payload;
import io.roster.importer.projection.AccountEventsDeserializer;
import io.roster.importer.upload.UploadRequestFilter;
import io.roster.messaging.Inbox;
import io.roster.messaging.MessagingAutoConfiguration;
import io.roster.messaging.MessagingSupport;
import io.roster.messaging.Outbox;
import io.roster.messaging.OutboxRelay;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.Ordered;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * import-worker as a library: its schema, its copy of the admin keys, its listeners (accounts, workspaces), the
 * outbox its end-of-import events leave through (the account-creation commands are sent by CommandSender), and the
 * upload path's own body handling.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class, before = FlywayAutoConfiguration.class)
@EnableConfigurationProperties(ImportProperties.class)
// The service's components, but not its standalone main (nor auto-configurations) when embedded in another app.
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
@EnableKafka
public class ImportWorkerAutoConfiguration {

    /** import-worker's PostgreSQL schema: fixed, as its SQL names it. */
    static final String SCHEMA = "importer";

    @Bean
    Flyway importerFlyway(DataSource dataSource) {
        return MessagingSupport.flyway(dataSource, SCHEMA, "classpath:db/importer", AdminAccess.MIGRATIONS);
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

    @Bean
    Inbox importerInbox(MessagingSupport messaging) {
        return messaging.inbox(SCHEMA);
    }

    @Bean
    ImportClock importerClock() {
        return new ImportClock(Clock.systemUTC());
    }

    /** import-worker's copy of the admin keys invite-service announces: it cannot read invite-service's tables. */
    @Bean
    AccessKeyReplica importerAccessKeys(AdminAccess adminAccess, ImportProperties properties) {
        return adminAccess.replica(SCHEMA, properties.consumerGroup());
    }

    /** Every import endpoint under a workspace takes that workspace's admin keys. */
    @Bean
    AdminEndpoints importerAdminEndpoints(@Qualifier("importerAccessKeys") AccessKeyReplica keys) {
        return new AdminEndpoints("io.roster.importer", keys);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> importerListenerContainerFactory(
            MessagingSupport messaging) {
        return messaging.listenerContainerFactory("roster-import-worker", 1);
    }

    /**
     * A poll's records at once, for the account events: their projection and outcomes are written set-wise. A
     * creation is read for the projection's fields only ({@link AccountEventsDeserializer}).
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> importerBatchListenerContainerFactory(
            MessagingSupport messaging, EnvelopeCodec codec) {
        return messaging.batchListenerContainerFactory("roster-import-worker-events", 1,
                new AccountEventsDeserializer(codec));
    }

    /** Before every other filter: the upload's body is this service's to limit and to read. */
    @Bean
    FilterRegistrationBean<UploadRequestFilter> importerUploadFilter(ImportProperties properties) {
        FilterRegistrationBean<UploadRequestFilter> registration =
                new FilterRegistrationBean<>(new UploadRequestFilter(properties.maxFileSize().toBytes()));
        registration.addUrlPatterns("/api/v1/workspaces/*");
        registration.setName("importerUploadFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
