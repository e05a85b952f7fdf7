package io.roster.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.scheduler.*}.
 *
 * @param consumerConcurrency listener threads
 */
@ConfigurationProperties("roster.scheduler")
public record SchedulerProperties(@DefaultValue("2") int consumerConcurrency) {
}
