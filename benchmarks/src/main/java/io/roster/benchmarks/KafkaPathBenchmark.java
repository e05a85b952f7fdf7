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

/**
 * The Kafka create-user path of invite-service on a real broker and database: create-user requests published
 * as an upstream system would, until each {@code account.created.v1} is read back. Baseline in the same run:
 * a bare consume-and-produce relay between two topics (the same two hops, no database). Prints
 * {@code name=value unit} lines.
 *
 * <p>Arguments: number of requests (default 20000), latency-run rate as a fraction of the measured throughput
 * (default 0.5).
 */
public final class KafkaPathBenchmark {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    public static void main(String[] args) throws Exception {
        // Before Spring sets up logging, logback would print every Kafka client line at DEBUG.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double fraction = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Options.throwaway())) {
            String bootstrap = infra.kafka().bootstrapServers();
            double baseline = baseline(bootstrap, count);
            print("baseline.kafka_relay_throughput", baseline, "records/s");

            Map<String, Object> properties = new HashMap<>(infra.springProperties());
            properties.put("server.port", "0");
            properties.put("roster.invite.workspaces[0].id", "bench");
            properties.put("roster.invite.workspaces[0].licence-count", "100000000");
            properties.put("logging.level.root", "WARN");
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(InviteServiceApplication.class)
                    .properties(properties).run()) {
                warmUp(bootstrap);
                double throughput = throughput(bootstrap, count);
                print("roster.create_user_throughput", throughput, "requests/s");
                print("roster.create_user_throughput_vs_baseline", 100 * throughput / baseline, "%");
                List<Long> latencies = latency(bootstrap, Math.max(1, (int) (throughput * fraction)),
                        Math.min(count, (int) (throughput * fraction * 20)));
                print("roster.request_to_event_latency_rate", throughput * fraction, "requests/s");
                print("roster.request_to_event_latency_p50", percentile(latencies, 50), "ms");
                print("roster.request_to_event_latency_p99", percentile(latencies, 99), "ms");
                print("roster.request_to_event_latency_max", percentile(latencies, 100), "ms");
            }
        }
    }

    private static double baseline(String bootstrap, int count) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("bench.in", 12, (short) 1), new NewTopic("bench.out", 12,
                    (short) 1))).all().get();
        }
        String payload = CODEC.writeString(request("baseline", "warm"));
        Thread relay = new Thread(() -> {
            try (var consumer = consumer(bootstrap, "bench-relay"); var producer = producer(bootstrap)) {
                consumer.subscribe(List.of("bench.in"));
                int relayed = 0;
                while (relayed < count) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        producer.send(new ProducerRecord<>("bench.out", r.key(), r.value()));
                        relayed++;
                    }
                    consumer.commitSync();
                }
            }
        });
        relay.start();
        try (var producer = producer(bootstrap); var reader = consumer(bootstrap, "bench-reader")) {
            reader.subscribe(List.of("bench.out"));
            reader.poll(Duration.ofMillis(500));
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("bench.in", "k" + (i % 1000), payload));
            }
            producer.flush();
            int read = 0;
            while (read < count) {
                read += reader.poll(Duration.ofMillis(100)).count();
            }
            relay.join();
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void warmUp(String bootstrap) {
        throughput(bootstrap, 2_000);
    }

    private static double throughput(String bootstrap, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (var producer = producer(bootstrap); var reader = consumer(bootstrap, "bench-" + run)) {
            reader.subscribe(List.of(Topics.ACCOUNT_EVENTS));
            reader.poll(Duration.ofMillis(500));
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
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger seen = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try (var consumer = consumer(bootstrap, "bench-latency-" + run)) {
                consumer.subscribe(List.of(Topics.ACCOUNT_EVENTS));
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
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += interval;
                Envelope<CreateUser> request = request(run, String.valueOf(i));
                sentAt.put(request.requestId(), System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.ACCOUNT_REQUESTS, request.key(), CODEC.writeString(request)));
            }
        }
        reader.join();
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
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
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
