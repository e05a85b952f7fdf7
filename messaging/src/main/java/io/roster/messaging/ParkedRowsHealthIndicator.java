package io.roster.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health component {@code outbox}: DEGRADED while an outbox holds parked rows (events the producer refused for
 * good, which no consumer will see until an operator re-sends or discards them), UP otherwise.
 * <p>
 * DEGRADED rather than DOWN or OUT_OF_SERVICE: every other event still flows, and both of those answer 503, which
 * takes an instance out of a load balancer's rotation — every instance alike, since they share the outbox — and
 * would stop every tenant over one event, the very outage parking prevents. DEGRADED answers 200; the readiness
 * and liveness groups do not include it. {@link HealthStatusOrder} ranks it below DOWN and OUT_OF_SERVICE and
 * above UP, so {@code /actuator/health} as a whole says DEGRADED too.
 */
class ParkedRowsHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED",
            "outbox rows parked: refused by the producer, not delivered (README, Operations)");

    private final Supplier<? extends Iterable<ParkedRows>> outboxes;

    ParkedRowsHealthIndicator(Supplier<? extends Iterable<ParkedRows>> outboxes) {
        this.outboxes = outboxes;
    }

    @Override
    public Health health() {
        Map<String, Long> parked = new LinkedHashMap<>();
        long total = 0;
        for (ParkedRows rows : outboxes.get()) {
            long count = rows.count();
            parked.put(rows.table(), count);
            total += count;
        }
        return (total == 0 ? Health.up() : Health.status(DEGRADED)).withDetail("parked", parked).build();
    }
}
