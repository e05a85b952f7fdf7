package io.roster.scheduler.transition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The scheduler's health in figures: transitions due now and not yet swept, seconds to the next one (negative: it is
 * late), and the lateness of swept transitions — over a sliding window ({@code roster.scheduler.sweep.lateness},
 * p50/p99) and exactly for the last sweep that published any ({@code roster.scheduler.last-sweep.lateness}).
 */
@Component
class SweepMetrics {

    private final Timer lateness;
    private volatile Lateness lastSweep = new Lateness(Duration.ZERO, Duration.ZERO, 0);

    SweepMetrics(ObjectProvider<MeterRegistry> registries, DueTransitions transitions,
            @Qualifier("schedulerClock") Clock clock) {
        MeterRegistry registry = registries.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.lateness = Timer.builder("roster.scheduler.sweep.lateness")
                .description("From a transition's due instant to the sweep that published its command")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        gauge(registry, "roster.scheduler.transitions.due", "Transitions due now and not yet swept",
                () -> (double) transitions.dueCount(clock.instant()));
        gauge(registry, "roster.scheduler.transitions.next-due.seconds",
                "Seconds until the earliest pending transition falls (negative: it is overdue); NaN when none",
                () -> transitions.nextDue().map(at -> Duration.between(clock.instant(), at).toMillis() / 1000.0)
                        .orElse(Double.NaN));
        Gauge.builder("roster.scheduler.last-sweep.lateness.seconds", () -> lastSweep.p50().toMillis() / 1000.0)
                .description("Median lateness of the last sweep that published transitions").tag("quantile", "0.5")
                .strongReference(true).register(registry);
        Gauge.builder("roster.scheduler.last-sweep.lateness.seconds", () -> lastSweep.p99().toMillis() / 1000.0)
                .description("99th percentile lateness of the last sweep that published transitions")
                .tag("quantile", "0.99").strongReference(true).register(registry);
    }

    /** A scrape while the database is away reports no value rather than failing. */
    private static void gauge(MeterRegistry registry, String name, String description, Supplier<Double> value) {
        Gauge.builder(name, () -> {
            try {
                return value.get();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).strongReference(true).register(registry);
    }

    /** Lateness percentiles of one sweep. */
    record Lateness(Duration p50, Duration p99, int count) {

        static Lateness of(List<Duration> values) {
            List<Duration> sorted = values.stream().sorted().toList();
            return new Lateness(percentile(sorted, 0.5), percentile(sorted, 0.99), sorted.size());
        }

        private static Duration percentile(List<Duration> sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }

    /** The lateness of one sweep as it goes; see {@link Sweep}. */
    Sweep startSweep() {
        return new Sweep();
    }

    /**
     * Records each transition's lateness in the sliding-window timer at once, and keeps a uniform sample of at most
     * {@link #SAMPLE} of them (reservoir sampling) for the sweep's own percentiles: exact up to that many, estimated
     * beyond, and the sweep's memory stays the same however many transitions fall at once.
     */
    final class Sweep {

        static final int SAMPLE = 10_000;
        private final List<Duration> sample = new ArrayList<>();
        private long seen;

        /** One batch's lateness; batches of one sweep may end at once on several workers. */
        synchronized void record(List<Duration> values) {
            values.forEach(this::record);
        }

        private void record(Duration value) {
            lateness.record(value);
            seen++;
            if (sample.size() < SAMPLE) {
                sample.add(value);
            } else {
                long slot = ThreadLocalRandom.current().nextLong(seen);
                if (slot < SAMPLE) {
                    sample.set((int) slot, value);
                }
            }
        }

        synchronized void finish() {
            if (!sample.isEmpty()) {
                Lateness of = Lateness.of(sample);
                lastSweep = new Lateness(of.p50(), of.p99(), (int) Math.min(Integer.MAX_VALUE, seen));
            }
        }
    }

    Lateness lastSweep() {
        return lastSweep;
    }
}
