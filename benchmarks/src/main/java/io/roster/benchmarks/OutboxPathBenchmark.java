package io.roster.benchmarks;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.MessageType;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountCreated;
import io.roster.contracts.account.CreateUser;
import io.roster.embedded.EmbeddedInfrastructure;
import io.roster.messaging.MessagingAutoConfiguration;
import io.roster.messaging.MessagingSupport;
import io.roster.messaging.Outbox;
import io.roster.messaging.OutboxRelay;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messaging path alone, as every service uses it: events written to an outbox by binary COPY in transactions of a
 * poll's size (as invite-service writes an import's {@code account.created.v1}), relayed by {@link OutboxRelay} to the
 * embedded broker, and read back by a listener container of messaging's factory (the services' consumer settings).
 * What each part costs an event in CPU — the writer, the relay (its thread and its producer's), the broker, the
 * consumer, PostgreSQL — with nothing else on the path, so that a change of the outbox, the relay, the producer's or
 * the broker's settings shows in its own figures. Prints {@code name=value unit} lines.
 *
 * <p>Arguments: events a round (200000), rounds (2: the first warms the JIT and is not printed), events a writer's
 * transaction (500). {@code -Droster.embedded.pg-stat-statements=true} adds the outbox statements' costs,
 * {@code -Droster.bench.jfr=FILE} records the measured round; any {@code -Dspring.kafka.…} setting (a producer's
 * {@code compression-type}, a consumer's {@code fetch-min-size}…) overrides the embedded infrastructure's. Also
 * printed: the broker's requests by type during the round (its request metrics), and what each part costs idle.
 */
public final class OutboxPathBenchmark {

    private static final String SCHEMA = "obench";

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, KafkaAutoConfiguration.class,
        MessagingAutoConfiguration.class})
    static class Glue {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int perTransaction = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Options.throwaway())) {
            Map<String, Object> properties = new HashMap<>(infra.springProperties());
            properties.put("spring.main.web-application-type", "none");
            properties.put("logging.level.root", "WARN");
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Glue.class)
                    .properties(properties).run()) {
                MessagingSupport.flyway(context.getBean(DataSource.class), SCHEMA).migrate();
                MessagingSupport messaging = context.getBean(MessagingSupport.class);
                Outbox outbox = messaging.outbox(SCHEMA);
                OutboxRelay relay = messaging.relay(outbox);
                TransactionTemplate transactions = new TransactionTemplate(
                        context.getBean(PlatformTransactionManager.class));
                JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

                Consumed consumed = new Consumed();
                var factory = messaging.batchListenerContainerFactory("obench-consumer", 2, new KeyOnly());
                ConcurrentMessageListenerContainer<String, ?> container =
                        factory.createContainer(Topics.ACCOUNT_EVENTS);
                container.getContainerProperties().setGroupId("obench-" + UUID.randomUUID());
                container.setBeanName("obench-consumer");
                container.setupMessageListener((BatchMessageListener<String, Object>) consumed::accept);
                container.start();
                relay.start();
                try {
                    Map<String, Predicate<String>> threads = new LinkedHashMap<>();
                    threads.put("writer", name -> name.equals("obench-writer"));
                    threads.put("relay_thread", name -> name.startsWith("outbox-relay"));
                    threads.put("relay_producer", name -> name.contains("roster-outbox"));
                    threads.put("consumer", name -> name.startsWith("obench-consumer"));
                    threads.put("broker", name -> name.startsWith("data-plane-kafka") || name.startsWith("kafka-")
                            || name.startsWith("executor-") || name.contains("raft")
                            || name.startsWith("group-coordinator") || name.startsWith("ExpirationReaper"));
                    CpuUse cpu;
                    try (java.sql.Connection db = context.getBean(DataSource.class).getConnection()) {
                        cpu = new CpuUse(threads, db).sampled(1000);
                    }
                    // what the parts cost with nothing to do (the broker's own housekeeping, the consumers' empty
                    // fetches, the relay's polls): to read the figures of a round against
                    Thread.sleep(2000);
                    cpu.restart();
                    Thread.sleep(10_000);
                    System.out.println("# idle for 10 s: each idle figure is µs of CPU a millisecond (a thousandth"
                            + " of a core), not an event");
                    cpu.print("outbox_path.idle_cpu_a_ms", 10_000);
                    for (int round = 1; round <= rounds; round++) {
                        boolean measured = round == rounds;
                        StatementCosts statements = measured
                                ? StatementCosts.ifAsked(context.getBean(JdbcClient.class)) : null;
                        String run = "r" + round + "-" + UUID.randomUUID().toString().substring(0, 6);
                        List<Envelope<AccountCreated>> all = events(run, events);
                        // -Droster.bench.jfr=file.jfr records the measured round with JFR's profiling settings
                        String jfr = System.getProperty("roster.bench.jfr");
                        jdk.jfr.Recording recording = jfr == null || !measured ? null
                                : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                        if (recording != null) {
                            recording.start();
                        }
                        long machineBefore = machineTicks();
                        Map<String, Long> requestsBefore = brokerRequests();
                        cpu.restart();
                        CountDownLatch done = consumed.expect(events);
                        long started = System.nanoTime();
                        Thread writer = new Thread(() -> write(outbox, transactions, jdbc, all, perTransaction),
                                "obench-writer");
                        writer.start();
                        writer.join();
                        long written = System.nanoTime();
                        if (!done.await(10, TimeUnit.MINUTES)) {
                            throw new IllegalStateException((events - done.getCount()) + " of " + events
                                    + " events consumed");
                        }
                        long ended = System.nanoTime();
                        if (recording != null) {
                            recording.stop();
                            recording.dump(java.nio.file.Path.of(jfr));
                        }
                        if (!measured) {
                            System.out.printf("# warm-up round: %d events in %.1f s%n", events,
                                    (ended - started) / 1e9);
                            continue;
                        }
                        print("outbox_path.events", events, "events");
                        print("outbox_path.written_throughput", events / ((written - started) / 1e9), "events/s");
                        print("outbox_path.throughput", events / ((ended - started) / 1e9), "events/s");
                        cpu.print("outbox_path.cpu", events);
                        Map<String, Long> requestsAfter = brokerRequests();
                        requestsAfter.forEach((type, count) -> {
                            long n = count - requestsBefore.getOrDefault(type, 0L);
                            if (n > 0) {
                                System.out.printf("outbox_path.broker_requests_%s=%d requests (%.1f events each)%n",
                                        type, n, (double) events / n);
                            }
                        });
                        System.out.printf("outbox_path.machine_cpu=%.1f µs/event%n",
                                (machineTicks() - machineBefore) * 1e6 / TICKS / events);
                        if (statements != null) {
                            statements.print(events);
                        }
                        // every round's events once: a record sent twice shows here (read once the last arrived)
                        print("outbox_path.records_read_all_rounds", consumed.total(), "records");
                    }
                } finally {
                    relay.stop();
                    container.stop();
                }
            }
        }
    }

    /** The embedded broker's requests so far by type (its request metrics, read in this JVM). */
    private static Map<String, Long> brokerRequests() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try {
            var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            for (var name : server.queryNames(new javax.management.ObjectName(
                    "kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                counts.merge(name.getKeyProperty("request"), (Long) server.getAttribute(name, "Count"), Long::sum);
            }
        } catch (Exception e) {
            System.out.println("# no request metrics: " + e);
        }
        return counts;
    }

    /** Linux's clock ticks a second in /proc/stat. */
    private static final double TICKS = 100;

    /** The whole machine's busy ticks (user, nice, system, irq, softirq, steal) from /proc/stat: every process's. */
    private static long machineTicks() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim()
                    .split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (Exception e) {
            return 0;
        }
    }

    /** The run's events: what invite-service announces for the rows of {@link ImportBenchmark}'s Users files. */
    private static List<Envelope<AccountCreated>> events(String run, int events) {
        Actor actor = new Actor(Actor.Kind.UPSTREAM, "import-worker", null);
        Instant now = Instant.now();
        UUID job = UUID.randomUUID();
        List<Envelope<AccountCreated>> all = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            CreateUser command = (CreateUser) ImportContractRows.command("bench", job, actor, i + 1, now).payload();
            AccountCreated created = ImportContractRows.created(UUID.randomUUID(),
                    ImportContractRows.account(command, ZoneId.of("Europe/Paris")));
            all.add(new Envelope<>(UUID.randomUUID(), MessageType.ACCOUNT_CREATED.typeName(), now, "bench",
                    run + "-" + i, actor, created));
        }
        return all;
    }

    /** The events, in transactions of {@code perTransaction}, as invite-service writes a poll's creations. */
    private static void write(Outbox outbox, TransactionTemplate transactions, JdbcTemplate jdbc,
            List<Envelope<AccountCreated>> all, int perTransaction) {
        for (int from = 0; from < all.size(); from += perTransaction) {
            List<Envelope<AccountCreated>> batch = all.subList(from, Math.min(all.size(), from + perTransaction));
            transactions.executeWithoutResult(status -> outbox.copyAllOf(batch).run(jdbc));
        }
    }

    /** The values left undecoded: the consumer's own work is not the path's. */
    static final class KeyOnly implements Deserializer<Envelope<io.roster.contracts.Payload>> {
        @Override
        public Envelope<io.roster.contracts.Payload> deserialize(String topic, byte[] data) {
            return null;
        }
    }

    /**
     * Counts the records read: the topic is the benchmark's alone (a throwaway broker) and a round starts once the
     * one before was read whole, so every record belongs to the current round.
     */
    static final class Consumed {
        private volatile CountDownLatch round = new CountDownLatch(0);
        private final AtomicLong total = new AtomicLong();

        CountDownLatch expect(int events) {
            round = new CountDownLatch(events);
            return round;
        }

        long total() {
            return total.get();
        }

        void accept(List<ConsumerRecord<String, Object>> records) {
            CountDownLatch latch = round;
            for (int i = 0; i < records.size(); i++) {
                total.incrementAndGet();
                latch.countDown();
            }
        }
    }

    private static void print(String name, double value, String unit) {
        System.out.printf("%s=%.0f %s%n", name, value, unit);
    }
}
