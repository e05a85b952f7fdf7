package io.roster.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a message path's records are, second by second, read from the broker alone (no query of the database under
 * measurement): how many records were produced to each topic since the start, and how far each consumer group has
 * committed. A line every {@code every}; the instant each stage reached {@code expected} is kept for the summary.
 * Samples the process's CPU time and the machine's load average beside them, to read a stall against the machine.
 */
final class PathProgress extends Thread {

    /** One counter of the path: records produced to a topic, or committed by a group on it. */
    record Stage(String name, String topic, String group) {

        static Stage produced(String name, String topic) {
            return new Stage(name, topic, null);
        }

        static Stage committed(String name, String topic, String group) {
            return new Stage(name, topic, group);
        }
    }

    private final Admin admin;
    private final List<Stage> stages;
    private final Instant start;
    private final long expected;
    private final Duration every;
    private final Map<String, Long> baseline = new HashMap<>();
    private final Map<String, Double> reached = new java.util.concurrent.ConcurrentHashMap<>();
    /** Stages whose records are not one per item (batch commands): their own count, once known. */
    private final Map<String, Long> expectedOf = new java.util.concurrent.ConcurrentHashMap<>();

    PathProgress(String bootstrap, List<Stage> stages, Instant start, long expected, Duration every) {
        super("path-progress");
        setDaemon(true);
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        this.stages = stages;
        this.start = start;
        this.expected = expected;
        this.every = every;
        stages.forEach(s -> baseline.put(s.name(), count(s)));
    }

    @Override
    public void run() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        try (admin) {
            while (!isInterrupted() && reached.size() < stages.size()) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                double since = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                StringBuilder line = new StringBuilder(String.format("progress t=%.1fs", since));
                for (Stage stage : stages) {
                    long n = count(stage) - baseline.get(stage.name());
                    line.append(' ').append(stage.name()).append('=').append(n);
                    if (n >= expectedOf.getOrDefault(stage.name(), expected)) {
                        reached.putIfAbsent(stage.name(), since);
                    }
                }
                long cpu = os.getProcessCpuTime();
                long wall = System.nanoTime();
                line.append(String.format(" jvm_cpu=%.2f load=%s", (cpu - cpuBefore) / (double) (wall - wallBefore),
                        loadAverage()));
                cpuBefore = cpu;
                wallBefore = wall;
                System.out.println(line);
            }
        }
    }

    /**
     * The stage has {@code records} records to reach, not one per item ({@link Long#MAX_VALUE}: not known yet):
     * commands that carry many items each.
     */
    void expect(String stage, long records) {
        expectedOf.put(stage, records);
    }

    /** How many records the stage has counted since the start, as the broker says now. */
    long now(String stage) {
        Stage found = stages.stream().filter(s -> s.name().equals(stage)).findFirst().orElseThrow();
        return count(found) - baseline.get(stage);
    }

    /** Seconds from the start until the stage had all {@code expected} records; null if it never did. */
    Double reached(String stage) {
        return reached.get(stage);
    }

    private long count(Stage stage) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(stage.topic())).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(stage.topic()).partitions().stream()
                    .map(p -> new TopicPartition(stage.topic(), p.partition())).toList();
            if (stage.group() == null) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
                return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                        .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(stage.group())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(stage.topic()))
                    .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
