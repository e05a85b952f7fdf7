package io.roster.invite;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.LeanEnvelopeReader;
import io.roster.contracts.Payload;
import io.roster.contracts.account.AccountCommandReaders;
import io.roster.contracts.Actor;
import io.roster.contracts.account.AccountValidator;
import io.roster.adminaccess.AdminEndpoints;
import io.roster.invite.access.AccessKeys;
import io.roster.invite.access.IssuedKeyLookup;
import io.roster.invite.bucket.BucketRegistry;
import java.util.List;
import io.roster.invite.workspace.WorkspaceFactsAnnouncer;
import io.roster.invite.workspace.WorkspaceRepository;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import io.roster.contracts.StrictJson;
import tools.jackson.databind.DeserializationFeature;
import io.roster.messaging.EnvelopeDeserializer;
import io.roster.messaging.Inbox;
import io.roster.messaging.MessagingAutoConfiguration;
import io.roster.messaging.MessagingSupport;
import io.roster.messaging.Outbox;
import io.roster.messaging.OutboxRelay;
import java.time.Clock;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * invite-service as a library: its own schema and migrations, outbox, listener containers and components.
 * Every bean name carries the service name, so all four services can share one context in standalone.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class, before = FlywayAutoConfiguration.class)
@EnableConfigurationProperties(InviteProperties.class)
// The service's components, but not its standalone main (nor auto-configurations) when embedded in another app.
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
@EnableKafka
public class InviteServiceAutoConfiguration {

    /** invite-service's PostgreSQL schema: fixed, as its SQL names it. */
    static final String SCHEMA = "invite";

    @Bean
    Flyway inviteFlyway(DataSource dataSource) {
        return MessagingSupport.flyway(dataSource, SCHEMA, "classpath:db/invite");
    }

    @Bean
    FlywayMigrationInitializer inviteFlywayInitializer(@Qualifier("inviteFlyway") Flyway flyway) {
        return new FlywayMigrationInitializer(flyway);
    }

    @Bean
    Outbox inviteOutbox(MessagingSupport messaging) {
        return messaging.outbox(SCHEMA);
    }

    @Bean
    OutboxRelay inviteOutboxRelay(MessagingSupport messaging, @Qualifier("inviteOutbox") Outbox outbox) {
        return messaging.relay(outbox);
    }

    @Bean
    Inbox inviteInbox(MessagingSupport messaging) {
        return messaging.inbox(SCHEMA);
    }

    /**
     * Every invite-service endpoint under a workspace takes an admin key of that workspace, checked against the keys
     * invite-service issues (it owns them): no replica, so issuing and revoking take effect at once.
     */
    @Bean
    AdminEndpoints inviteAdminEndpoints(JdbcClient jdbc) {
        return new AdminEndpoints("io.roster.invite", new IssuedKeyLookup(jdbc));
    }

    /** BCrypt for passwords: slow on purpose. */
    @Bean
    PasswordEncoder invitePasswordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * Commands are handled a poll at a time: one transaction per batch. The creations — nearly every record of an
     * import — are read lean ({@link AccountCommandReaders}: no databinding, no duplicate-detection set); every other
     * record, and any creation the lean reading leaves, through the codec, whose refusals and dead-letter reasons stay
     * the reference.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> inviteBatchListenerContainerFactory(
            MessagingSupport messaging, InviteProperties properties, EnvelopeCodec codec) {
        return messaging.batchListenerContainerFactory("roster-invite-service-batch", properties.consumerConcurrency(),
                new EnvelopeDeserializer(codec, new LeanEnvelopeReader(codec, AccountCommandReaders.creations())));
    }

    @Bean
    Clock inviteClock() {
        return Clock.systemUTC();
    }

    @Bean
    ApplicationRunner inviteWorkspaceSeeder(WorkspaceRepository workspaces, AccessKeys keys, BucketRegistry buckets,
            InviteProperties properties, WorkspaceFactsAnnouncer facts) {
        return args -> {
            seedWorkspaces(workspaces, keys, buckets, properties);
            facts.announceAll();
            int announced = keys.announceExisting();
            if (announced > 0) {
                LoggerFactory.getLogger(InviteServiceAutoConfiguration.class)
                        .info("Announced {} access keys stored before keys were announced", announced);
            }
        };
    }

    /** Configured workspaces, their admin keys and buckets, created if absent (a restart changes nothing). */
    private static void seedWorkspaces(WorkspaceRepository workspaces, AccessKeys keys, BucketRegistry buckets,
            InviteProperties properties) {
        properties.workspaces().forEach(seed -> {
            List<String> invalid = BucketRegistry.invalidNames(seed.buckets());
            if (!invalid.isEmpty()) {
                throw new IllegalStateException("roster.invite.workspaces: workspace '" + seed.id()
                        + "' has invalid buckets " + invalid + ": " + AccountValidator.BUCKET_NAME_RULE);
            }
            List<io.roster.contracts.account.FieldProblem> badName =
                    io.roster.invite.workspace.WorkspaceName.problems("name", seed.name());
            if (!badName.isEmpty()) {
                throw new IllegalStateException("roster.invite.workspaces: workspace '" + seed.id() + "' has an"
                        + " invalid name: " + badName.get(0).message());
            }
            if (workspaces.createIfAbsent(seed.toWorkspace())) {
                LoggerFactory.getLogger(InviteServiceAutoConfiguration.class)
                        .info("Created workspace '{}' ({} licences)", seed.id(), seed.licenceCount());
            }
            if (seed.adminAccessKey() != null && !seed.adminAccessKey().isBlank()) {
                keys.storeConfigured(seed.id(), seed.adminAccessKey(), "configured");
            }
            seed.buckets().forEach(name -> buckets.register(seed.id(), name, Actor.system("configuration")));
        });
    }

    /**
     * Request bodies are read as strictly as the same command on Kafka (the published schemas): an unknown field
     * or a value of another JSON type ({@code "true"} for a boolean, {@code 5} for a text) is a client mistake
     * worth a clear 400 naming the field, never coerced.
     */
    @Bean
    JsonMapperBuilderCustomizer inviteStrictJson() {
        return builder -> StrictJson.configure(builder).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
