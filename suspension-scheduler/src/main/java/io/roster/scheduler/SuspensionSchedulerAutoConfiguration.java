package io.roster.scheduler;

import io.roster.adminaccess.AccessKeyReplica;
import io.roster.adminaccess.AdminAccess;
import io.roster.adminaccess.AdminEndpoints;
import io.roster.contracts.Envelope;
import io.roster.contracts.Payload;
import io.roster.messaging.Inbox;
import io.roster.messaging.MessagingAutoConfiguration;
import io.roster.messaging.MessagingSupport;
import io.roster.messaging.Outbox;
import io.roster.messaging.OutboxRelay;
import io.roster.scheduler.transition.SweepJob;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * suspension-scheduler as a library: its schema (with Quartz's tables), outbox, inbox, listener containers, the
 * admin-key replica of its endpoint, and the one clustered Quartz job that sweeps due transitions.
 */
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
    static final String JOB_GROUP = "scheduler";

    @Bean
    Flyway schedulerFlyway(DataSource dataSource) {
        return MessagingSupport.flyway(dataSource, SCHEMA, "classpath:db/scheduler", AdminAccess.MIGRATIONS);
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
    Inbox schedulerInbox(MessagingSupport messaging) {
        return messaging.inbox(SCHEMA);
    }

    /**
     * The scheduler's time, replaceable by a test's clock (a bean of this name). Not a default candidate: in standalone
     * other services inject a {@code Clock} by type and must not see two.
     */
    @Bean(defaultCandidate = false)
    @ConditionalOnMissingBean(name = "schedulerClock")
    Clock schedulerClock() {
        return Clock.systemUTC();
    }

    /** The scheduler's copy of the admin keys invite-service announces: it cannot read invite-service's tables. */
    @Bean
    AccessKeyReplica schedulerAccessKeys(AdminAccess adminAccess,
            @Value("${roster.scheduler.consumer-group:roster-suspension-scheduler}") String consumerGroup) {
        return adminAccess.replica(SCHEMA, consumerGroup);
    }

    /** The schedule endpoint takes an admin key of its workspace. */
    @Bean
    AdminEndpoints schedulerAdminEndpoints(@Qualifier("schedulerAccessKeys") AccessKeyReplica keys) {
        return new AdminEndpoints("io.roster.scheduler", keys);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> schedulerListenerContainerFactory(
            MessagingSupport messaging, SchedulerProperties properties) {
        return messaging.listenerContainerFactory("roster-suspension-scheduler", properties.consumerConcurrency());
    }

    /** Account events are applied a poll at a time: one transaction per poll. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Envelope<Payload>> schedulerBatchListenerContainerFactory(
            MessagingSupport messaging, SchedulerProperties properties) {
        return messaging.listenerContainerFactory("roster-suspension-scheduler-batch", properties.consumerConcurrency(),
                true);
    }

    /** The one job of the cluster: kept in the JDBC store, recovered by another instance if its own dies mid-run. */
    @Bean
    JobDetail schedulerSweepJob() {
        return JobBuilder.newJob(SweepJob.class).withIdentity(SweepJob.NAME, JOB_GROUP)
                .withDescription("Publishes the commands of due transitions")
                .storeDurably()
                .requestRecovery()
                .build();
    }

    /** Every {@code sweepInterval}; runs missed while no instance was up are folded into the next one. */
    @Bean
    Trigger schedulerSweepTrigger(@Qualifier("schedulerSweepJob") JobDetail job, SchedulerProperties properties) {
        return TriggerBuilder.newTrigger().forJob(job).withIdentity(SweepJob.NAME, JOB_GROUP)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.sweepInterval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
