package io.roster.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.audit.*}.
 *
 * @param consumerConcurrency listener threads
 */
@ConfigurationProperties("roster.audit")
public record AuditProperties(@DefaultValue("2") int consumerConcurrency) {
}
