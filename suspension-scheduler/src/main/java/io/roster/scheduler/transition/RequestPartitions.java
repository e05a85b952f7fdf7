package io.roster.scheduler.transition;

import io.roster.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The partitions of {@code roster.account.requests}, as the producer that relays the scheduler's outbox knows them,
 * and the partition a record key goes to (the producer's default partitioner: murmur2 of the key's bytes). The sweep
 * puts in one {@code account.suspend-many.v1} only accounts whose own keys share a partition, so that every command
 * of an account travels on one partition, in order.
 * <p>
 * Asked of the producer's metadata off the sweep's thread (a producer without metadata blocks until the broker
 * answers); the sweep reads the last answer, refreshed every minute. While none is known (a broker not reached since
 * the start), the sweep sends one command per account as before: always in order.
 */
@Component
class RequestPartitions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RequestPartitions.class);
    /** How long a count is used before it is asked again (a topic's partitions are rarely added). */
    private static final Duration FRESH = Duration.ofMinutes(1);
    /** How long the first sweep waits for the first answer: a broker that is up answers in milliseconds. */
    private static final Duration FIRST_WAIT = Duration.ofSeconds(5);

    /** The count not known: one command per account. */
    static final int UNKNOWN = 0;

    private final KafkaTemplate<String, byte[]> kafka;
    private final ExecutorService asker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduler-request-partitions");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<CompletableFuture<Integer>> asking = new AtomicReference<>();
    private volatile int known = UNKNOWN;
    private volatile long knownAt;
    private volatile boolean waitedOnce;

    RequestPartitions(@Qualifier("rosterOutboxTemplate") KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** The partition of {@code key} among {@code partitions}, as the producer's default partitioner picks it. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The topic's partitions as last known, or {@link #UNKNOWN}; asks again in the background when stale. */
    int count() {
        int count = known;
        if (count != UNKNOWN && System.nanoTime() - knownAt < FRESH.toNanos()) {
            return count;
        }
        CompletableFuture<Integer> answer = ask();
        if (count == UNKNOWN && !waitedOnce) {
            waitedOnce = true;
            try {
                return answer.get(FIRST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                return known;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return known;
            }
        }
        return count;
    }

    private CompletableFuture<Integer> ask() {
        CompletableFuture<Integer> running = asking.get();
        if (running != null && !running.isDone()) {
            return running;
        }
        CompletableFuture<Integer> next = new CompletableFuture<>();
        if (!asking.compareAndSet(running, next)) {
            return asking.get();
        }
        asker.execute(() -> {
            try {
                int partitions = kafka.partitionsFor(Topics.ACCOUNT_REQUESTS).size();
                if (partitions > 0) {
                    known = partitions;
                    knownAt = System.nanoTime();
                }
                next.complete(partitions > 0 ? partitions : known);
            } catch (RuntimeException e) {
                log.warn("partitions of {} not known ({}): one command per account meanwhile",
                        Topics.ACCOUNT_REQUESTS, e.toString());
                next.complete(known);
            }
        });
        return next;
    }

    @Override
    public void destroy() {
        asker.shutdownNow();
    }
}
