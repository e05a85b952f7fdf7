package io.roster.benchmarks;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Topics;
import io.roster.contracts.account.CreateUser;
import io.roster.embedded.EmbeddedInfrastructure;
import io.roster.invite.app.InviteServiceApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The Kafka create-user path of invite-service on a real broker and database: create-user requests published
 * as an upstream system would, until each {@code account.created.v1} is read back. Three measurements: a standing
 * backlog drained (sustained capacity; baseline in the same run: a bare consume-and-produce relay draining the same
 * backlog between two topics, no database), requests published while they are handled (the load generator shares
 * the two cores), and request-to-event latency at a fixed rate. Prints {@code name=value unit} lines.
 *
 * <p>Arguments: number of requests (default 20000); latency-run rate as a fraction of the drain throughput
 * (default 0.5); or, third, a fixed latency-run rate in requests/s.
 */
public final class KafkaPathBenchmark {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final List<Long> stageIn = Collections.synchronizedList(new ArrayList<>());
    private static final List<Long> stageOut = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        // Before Spring sets up logging, logback would print every Kafka client line at DEBUG.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double fraction = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
        double latencyRate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Options.throwaway())) {
            String bootstrap = infra.kafka().bootstrapServers();
            baselineDrain(bootstrap, count, "warm-up");
            double baseline = baselineDrain(bootstrap, count, "measured");
            print("baseline.kafka_relay_drain_throughput", baseline, "records/s");

            Map<String, Object> properties = new HashMap<>(infra.springProperties());
            properties.put("server.port", "0");
            properties.put("roster.invite.workspaces[0].id", "bench");
            properties.put("roster.invite.workspaces[0].licence-count", "100000000");
            properties.put("logging.level.root", "WARN");
            properties.put("spring.autoconfigure.exclude", SchedulerSweepBenchmark.INVITE_SERVICE_ALONE);
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(InviteServiceApplication.class)
                    .properties(properties).run()) {
                warmUp(bootstrap);
                MessageListenerContainer listener = service.getBean(KafkaListenerEndpointRegistry.class)
                        .getListenerContainer("invite-service.account-requests");
                // -Droster.bench.jfr=file.jfr records the drain alone, warmed up, with JFR's profiling settings.
                String jfr = System.getProperty("roster.bench.jfr");
                jdk.jfr.Recording recording = jfr == null ? null
                        : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                if (recording != null) {
                    recording.start();
                }
                StatementCosts statements = StatementCosts.ifAsked(
                        service.getBean(org.springframework.jdbc.core.simple.JdbcClient.class));
                CpuUse cpu;
                try (java.sql.Connection db = service.getBean(javax.sql.DataSource.class).getConnection()) {
                    Map<String, java.util.function.Predicate<String>> threads = new java.util.LinkedHashMap<>();
                    threads.put("listeners", name -> name.startsWith("invite-service.account-requests"));
                    threads.put("relay", name -> name.startsWith("outbox-relay") || name.contains("roster-outbox"));
                    threads.put("broker", name -> name.startsWith("data-plane-kafka") || name.startsWith("kafka-")
                            || name.startsWith("executor-") || name.contains("raft"));
                    cpu = new CpuUse(threads, db);
                }
                double drain = drain(bootstrap, count, listener, cpu);
                // what one request cost each part while draining (the backlog was published before: no load
                // generator in it), a figure that depends less on the machine's other load than the rate
                cpu.print("roster.create_user_drain_cpu", count);
                if (recording != null) {
                    recording.stop();
                    recording.dump(java.nio.file.Path.of(jfr));
                }
                statements.print(count);
                print("roster.create_user_drain_throughput", drain, "requests/s");
                print("roster.create_user_drain_vs_baseline", 100 * drain / baseline, "%");
                double live = throughput(bootstrap, count);
                print("roster.create_user_live_throughput", live, "requests/s");
                double rate = latencyRate > 0 ? latencyRate : drain * fraction;
                List<Long> latencies = latency(bootstrap, Math.max(1, (int) rate),
                        Math.max(1_000, Math.min(count, (int) (rate * 20))));
                print("roster.request_to_event_latency_rate", rate, "requests/s");
                print("roster.request_to_event_latency_p50", percentile(latencies, 50), "ms");
                print("roster.request_to_event_latency_p99", percentile(latencies, 99), "ms");
                print("roster.request_to_event_latency_max", percentile(latencies, 100), "ms");
            }
        }
    }

    /**
     * A standing backlog drained by a bare consume-and-produce relay between two topics: the same two hops as
     * invite-service, no database. Timed from the first relayed record read to the last.
     */
    private static double baselineDrain(String bootstrap, int count, String run) throws Exception {
        String in = "bench.in." + run;
        String out = "bench.out." + run;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(in, 12, (short) 1), new NewTopic(out, 12, (short) 1))).all().get();
        }
        String payload = CODEC.writeString(request("baseline", "warm"));
        try (var producer = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(in, "k" + (i % 1000), payload));
            }
        }
        Thread relay = new Thread(() -> {
            try (var consumer = consumer(bootstrap, "bench-relay-" + run); var producer = producer(bootstrap)) {
                consumer.subscribe(List.of(in));
                int relayed = 0;
                while (relayed < count) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                        relayed++;
                    }
                    // As Roster's consumers do: offsets committed once the poll's work is done.
                    producer.flush();
                    consumer.commitSync();
                }
            }
        });
        var reader = tail(bootstrap, out);
        relay.start();
        double rate = readRate(reader, count, r -> true);
        relay.join();
        return rate;
    }

    /**
     * A consumer of every partition of {@code topic}, positioned at its end: it reads only what comes next. (Reading
     * from the beginning, the benchmark's own readers went through every earlier run's events while the service
     * was being measured, on the same two cores.)
     */
    private static KafkaConsumer<String, String> tail(String bootstrap, String topic) {
        KafkaConsumer<String, String> consumer = consumer(bootstrap, "bench-tail-" + UUID.randomUUID());
        List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Reads until {@code count} matching records arrived; their rate from the first to the last. */
    private static double readRate(KafkaConsumer<String, String> consumer, int count,
            java.util.function.Predicate<ConsumerRecord<String, String>> matches) {
        try (var reader = consumer) {
            long first = 0;
            long last = 0;
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (read < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(50))) {
                    if (matches.test(r)) {
                        last = System.nanoTime();
                        if (read++ == 0) {
                            first = last;
                        }
                    }
                }
            }
            if (read < count) {
                throw new IllegalStateException("only " + read + " of " + count + " records arrived");
            }
            return (count - 1) / ((last - first) / 1e9);
        }
    }

    /**
     * A standing backlog of create-user requests, published while invite-service's listener is stopped, then
     * drained: its sustained capacity, without the load generator competing for the same two cores.
     */
    private static double drain(String bootstrap, int count, MessageListenerContainer listener, CpuUse cpu)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        listener.stop();
        try (var producer = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                Envelope<CreateUser> request = request(run, String.valueOf(i));
                producer.send(new ProducerRecord<>(Topics.ACCOUNT_REQUESTS, request.key(), CODEC.writeString(request)));
            }
        }
        var reader = tail(bootstrap, Topics.ACCOUNT_EVENTS);
        Thread.sleep(1000);
        cpu.restart();
        listener.start();
        return readRate(reader, count,
                r -> r.value().contains("\"" + run + "-") && r.value().contains("account.created.v1"));
    }

    /**
     * Loads the service until the JIT compilers have settled: on two cores the C2 compiler alone took a third of
     * the CPU for the first minute of load (async-profiler), so a short warm-up measured the compiler, not the
     * sustained rate asked for. {@code -Droster.bench.warmup-seconds} (default 60) sets how long.
     */
    private static void warmUp(String bootstrap) {
        long until = System.nanoTime() + Duration.ofSeconds(Long.getLong("roster.bench.warmup-seconds", 60)).toNanos();
        do {
            throughput(bootstrap, 5_000);
        } while (System.nanoTime() < until);
    }

    private static double throughput(String bootstrap, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (var producer = producer(bootstrap); var reader = tail(bootstrap, Topics.ACCOUNT_EVENTS)) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Envelope<CreateUser> request = request(run, String.valueOf(i));
                producer.send(new ProducerRecord<>(Topics.ACCOUNT_REQUESTS, request.key(), CODEC.writeString(request)));
            }
            producer.flush();
            int created = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (created < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(100))) {
                    if (r.value().contains("\"" + run + "-") && r.value().contains("account.created.v1")) {
                        created++;
                    }
                }
            }
            return created / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Publishes at a fixed rate and measures, per request, the time until its event is read. */
    private static List<Long> latency(String bootstrap, int rate, int count) throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> sentWall = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger seen = new AtomicInteger();
        // Latencies by the second their request was sent: stalls show as single seconds with a high p99.
        Map<Long, List<Long>> bySecond = new ConcurrentHashMap<>();
        // -Droster.bench.samples=file: each request's send time (epoch ms), latency and request-to-handled time.
        List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long startWall = System.currentTimeMillis();
        KafkaConsumer<String, String> latencyReader = tail(bootstrap, Topics.ACCOUNT_EVENTS);
        Thread reader = new Thread(() -> {
            try (var consumer = latencyReader) {
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (seen.get() < count && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        int at = r.value().indexOf("\"requestId\":\"" + run + "-");
                        if (at >= 0) {
                            String id = r.value().substring(at + 13, r.value().indexOf('"', at + 13));
                            Long sent = sentAt.get(id);
                            if (sent != null) {
                                latencies.add((now - sent) / 1_000_000);
                                bySecond.computeIfAbsent((sent - start) / 1_000_000_000L,
                                        k -> Collections.synchronizedList(new ArrayList<>()))
                                        .add((now - sent) / 1_000_000);
                                int o = r.value().indexOf("\"occurredAt\":\"");
                                if (o >= 0) {
                                    Instant handled = Instant.parse(r.value().substring(o + 14, r.value().indexOf('"', o + 14)));
                                    Long wall = sentWall.get(id);
                                    stageIn.add(handled.toEpochMilli() - wall);
                                    stageOut.add(System.currentTimeMillis() - handled.toEpochMilli());
                                    samples.add(new long[] {wall, (now - sent) / 1_000_000,
                                            handled.toEpochMilli() - wall});
                                }
                                seen.incrementAndGet();
                            }
                        }
                    }
                }
            }
        });
        reader.start();
        Thread.sleep(1000);
        try (var producer = producer(bootstrap)) {
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                // Sleep rather than spin: on two cores a spinning load generator takes a core from the system
                // it measures. Requests due within the next millisecond leave together.
                long wait = next - System.nanoTime();
                if (wait > 1_000_000) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                next += interval;
                Envelope<CreateUser> request = request(run, String.valueOf(i));
                sentAt.put(request.requestId(), System.nanoTime());
                sentWall.put(request.requestId(), System.currentTimeMillis());
                producer.send(new ProducerRecord<>(Topics.ACCOUNT_REQUESTS, request.key(), CODEC.writeString(request)));
            }
        }
        reader.join();
        String samplesFile = System.getProperty("roster.bench.samples");
        if (samplesFile != null) {
            try (var out = new java.io.PrintWriter(samplesFile)) {
                samples.forEach(v -> out.println(v[0] + " " + v[1] + " " + v[2]));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (Boolean.getBoolean("roster.bench.print-seconds")) {
            // -Droster.bench.print-seconds=true: each second's figures with its wall-clock time, to line stalls up
            // with what else happened then (autovacuum, GC, log rolls).
            new java.util.TreeMap<>(bySecond).forEach((second, values) -> System.out.printf(
                    "# second %tT p50=%d p99=%d n=%d%n", startWall + second * 1000, percentile(values, 50),
                    percentile(values, 99), values.size()));
        }
        List<Long> secondP99s = bySecond.values().stream().filter(v -> v.size() >= rate / 2)
                .map(v -> percentile(v, 99)).sorted().toList();
        if (!secondP99s.isEmpty()) {
            print("roster.request_to_event_latency_p99_best_second", secondP99s.get(0), "ms");
            print("roster.request_to_event_latency_p99_median_second", secondP99s.get(secondP99s.size() / 2), "ms");
            print("roster.request_to_event_latency_p99_worst_second", secondP99s.get(secondP99s.size() - 1), "ms");
        }
        if (!stageIn.isEmpty()) {
            print("roster.request_to_handled_p50", percentile(stageIn, 50), "ms");
            print("roster.request_to_handled_p99", percentile(stageIn, 99), "ms");
            print("roster.handled_to_event_read_p50", percentile(stageOut, 50), "ms");
            print("roster.handled_to_event_read_p99", percentile(stageOut, 99), "ms");
        }
        return latencies;
    }

    private static Envelope<CreateUser> request(String run, String n) {
        String login = "bench." + run + "." + n;
        CreateUser user = new CreateUser(login, login + "@bench.example", "Bench", "User", "ACTIVE", "en", null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, false, null, null, null,
                null, "READ_ONLY", List.of());
        return new Envelope<>(UUID.randomUUID(), MessageType.CREATE_USER.typeName(), Instant.now(), "bench",
                run + "-" + n, new Actor(Actor.Kind.UPSTREAM, "benchmark", null), user);
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                // The load generator needs no idempotence; with it, sends to a topic created a moment before were
                // refused with OUT_OF_ORDER_SEQUENCE_NUMBER and retried for ever (Kafka 4.2 client, seen here).
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new StringDeserializer());
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void print(String name, double value, String unit) {
        System.out.printf("%s=%.0f %s%n", name, value, unit);
    }
}
