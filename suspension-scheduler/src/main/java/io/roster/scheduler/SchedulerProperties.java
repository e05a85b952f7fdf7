package io.roster.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.scheduler.*}.
 *
 * @param schema the PostgreSQL schema suspension-scheduler owns (Quartz tables included)
 * @param consumerConcurrency listener threads
 */
@ConfigurationProperties("roster.scheduler")
public record SchedulerProperties(@DefaultValue("scheduler") String schema,
        @DefaultValue("2") int consumerConcurrency) {
}
