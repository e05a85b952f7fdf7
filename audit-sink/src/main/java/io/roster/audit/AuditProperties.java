package io.roster.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.audit.*}.
 *
 * @param consumerConcurrency listener threads
 * @param retention how long entries are kept: older day partitions are dropped (the seed's reports reach 90 days)
 * @param maintenanceInterval how often partitions are created ahead and old ones dropped
 * @param markerKey the HMAC key that signs retention and erasure markers in the chains
 * @param addressRetention how long entries keep an address that never became an account (an invitation cancelled or
 *     expired, a rejected request): then they are pseudonymised, as a deleted account's are
 * @param maxPollRecords events the batch listener takes per poll, written in one COPY and one transaction: larger
 *     batches spread the commit and the offset commit over more rows (Kafka's default is 500)
 */
@ConfigurationProperties("roster.audit")
public record AuditProperties(@DefaultValue("2") int consumerConcurrency, @DefaultValue("90d") Duration retention,
        @DefaultValue("1h") Duration maintenanceInterval,
        @DefaultValue("roster-audit-marker-key-change-me") String markerKey,
        @DefaultValue("30d") Duration addressRetention, @DefaultValue("5000") int maxPollRecords) {
}
