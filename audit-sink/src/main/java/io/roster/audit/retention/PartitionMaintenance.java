package io.roster.audit.retention;

import io.roster.audit.AuditProperties;
import io.roster.audit.activity.ActivityPartitions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Creates the day partitions a few days ahead, drops those wholly older than the retention
 * ({@code roster.audit.retention}, 90 days by default) and pseudonymises the addresses whose retention ended
 * ({@link AddressErasure}): at start-up, then every {@code maintenance-interval}.
 */
@Component("auditPartitionMaintenance")
public class PartitionMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);
    /** Days created ahead: a writer never waits for a partition in normal operation. */
    static final int DAYS_AHEAD = 3;

    private final ActivityPartitions partitions;
    private final RetentionMarkers markers;
    private final AddressErasure addresses;
    private final AuditProperties properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    PartitionMaintenance(ActivityPartitions partitions, RetentionMarkers markers, AddressErasure addresses,
            AuditProperties properties, @Qualifier("auditClock") Clock clock) {
        this.partitions = partitions;
        this.markers = markers;
        this.addresses = addresses;
        this.properties = properties;
        this.clock = clock;
    }

    /** One run at {@code now}: returns the days dropped. */
    public List<LocalDate> run(Instant now) {
        LocalDate today = ActivityPartitions.dayOf(now);
        List<LocalDate> ahead = new ArrayList<>();
        for (int d = 0; d <= DAYS_AHEAD; d++) {
            ahead.add(today.plusDays(d));
        }
        partitions.ensure(ahead);
        // a day goes once all of it is older than the retention
        LocalDate firstKept = ActivityPartitions.dayOf(now.minus(properties.retention()));
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : partitions.existing()) {
            if (day.isBefore(firstKept)) {
                markers.beforeDrop(day, now);
                partitions.drop(day);
                dropped.add(day);
            }
        }
        if (!dropped.isEmpty()) {
            log.info("activity log: retention dropped the partitions of {}", dropped);
        }
        int erased = addresses.run(now);
        if (erased > 0) {
            log.info("activity log: {} entries naming an address that never became an account pseudonymised",
                    erased);
        }
        return dropped;
    }

    private void runSafely() {
        try {
            run(clock.instant());
        } catch (RuntimeException e) {
            log.warn("activity log partition maintenance failed (tried again in {}): {}",
                    properties.maintenanceInterval(), e.toString());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-partitions");
            t.setDaemon(true);
            return t;
        });
        long interval = properties.maintenanceInterval().toMillis();
        executor.scheduleWithFixedDelay(this::runSafely, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
