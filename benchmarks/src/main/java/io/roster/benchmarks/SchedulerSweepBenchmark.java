package io.roster.benchmarks;

import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountStatusChanged;
import io.roster.contracts.account.SuspendAccount;
import io.roster.contracts.account.SuspendAccounts;
import io.roster.embedded.EmbeddedInfrastructure;
import io.roster.invite.app.InviteServiceApplication;
import io.roster.scheduler.app.SuspensionSchedulerApplication;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * suspension-scheduler and invite-service on a real broker and database (embedded, one JVM, one context each).
 * Two measurements:
 * <ol>
 * <li>N ACTIVE accounts of invite-service (default 1,000,000) with a suspension due the same minute: from that
 * minute until every suspend command is swept into the scheduler's outbox, until every one is on
 * {@code roster.account.requests} (the relay acknowledged), and — the whole path — until invite-service has made
 * every account INACTIVE and its {@code account.status-changed.v1} is on {@code roster.account.events} (the time of
 * the last such record); the heap sampled every 100 ms meanwhile. Baseline in the same run, same database: a plain
 * SQL UPDATE of N rows (ACTIVE → INACTIVE), the ceiling of any way to suspend them.</li>
 * <li>A normal load (default 3,000 due a minute, spread evenly, for 2 minutes): each command's lateness, from its
 * due instant to the sweep that claimed it (its envelope's occurredAt) and to its record on Kafka.</li>
 * </ol>
 * Prints {@code name=value unit} lines.
 *
 * <p>Arguments: N (default 1000000); normal-load transitions per minute (default 3000); its minutes (default 2).
 */
public final class SchedulerSweepBenchmark {

    /** The auto-configurations the other benchmarks, which run invite-service alone, leave out. */
    static final String NOT_THE_SCHEDULER = "io.roster.scheduler.SuspensionSchedulerAutoConfiguration,"
            + "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration,"
            + "io.roster.audit.AuditSinkAutoConfiguration"; // on the classpath for AuditBenchmark

    /**
     * What a benchmark of invite-service alone leaves out: the other services on the benchmarks' classpath (without
     * import-worker's exclusion its projection consumed every account event in the Kafka path's runs).
     */
    static final String INVITE_SERVICE_ALONE = NOT_THE_SCHEDULER + ",io.roster.importer.ImportWorkerAutoConfiguration";

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perMinute = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int minutes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Options.throwaway())) {
            Map<String, Object> properties = new HashMap<>(infra.springProperties());
            properties.put("server.port", "0");
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.org.apache.kafka", "ERROR");
            Map<String, Object> invite = new HashMap<>(properties);
            invite.put("roster.invite.workspaces[0].id", "bench");
            invite.put("roster.invite.workspaces[0].licence-count", "100000000");
            invite.put("spring.autoconfigure.exclude", INVITE_SERVICE_ALONE);
            // -Droster.bench.invite-max-poll-records=N: invite-service's consumers take at most N records a poll (a
            // batch command carries up to 1,000 suspensions, and a poll is one transaction)
            String invitePoll = System.getProperty("roster.bench.invite-max-poll-records");
            if (invitePoll != null) {
                invite.put("spring.kafka.consumer.max-poll-records", invitePoll);
            }
            properties.put("spring.autoconfigure.exclude", "io.roster.invite.InviteServiceAutoConfiguration,"
                    + "io.roster.audit.AuditSinkAutoConfiguration,io.roster.importer.ImportWorkerAutoConfiguration");
            try (ConfigurableApplicationContext inviteService = new SpringApplicationBuilder(
                    InviteServiceApplication.class).properties(invite).run();
                    ConfigurableApplicationContext scheduler = new SpringApplicationBuilder(
                            SuspensionSchedulerApplication.class).properties(properties).run()) {
                JdbcClient jdbc = scheduler.getBean(JdbcClient.class);
                baseline(jdbc, count);
                sameMinute(jdbc, scheduler.getBean(DataSource.class), infra.kafka().bootstrapServers(), count);
                normalLoad(jdbc, infra.kafka().bootstrapServers(), perMinute, minutes);
            }
        }
    }

    /** A plain UPDATE of {@code count} ACTIVE rows to INACTIVE, in a table of their own. */
    private static void baseline(JdbcClient jdbc, int count) {
        jdbc.sql("CREATE TABLE public.bench_account AS SELECT 'account-' || n AS id, 'ACTIVE'::text AS status"
                + " FROM generate_series(1, ?) AS n").param(count).update();
        long start = System.nanoTime();
        int updated = jdbc.sql("UPDATE public.bench_account SET status = 'INACTIVE' WHERE status = 'ACTIVE'").update();
        double seconds = (System.nanoTime() - start) / 1e9;
        print("baseline.sql_update_rows", updated, "rows");
        print("baseline.sql_update_seconds", seconds, "s");
        baselineSeconds = seconds;
        jdbc.sql("DROP TABLE public.bench_account").update();
    }

    private static double baselineSeconds;

    private static void sameMinute(JdbcClient jdbc, DataSource db, String bootstrap, int count) throws Exception {
        // The accounts as invite-service stores them (time-ordered ids, as AccountRepository makes them), written
        // directly: their creation is not what is measured. The benchmark, not a service, reads both schemas.
        Instant due = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
        // each account has the suspension date its transition is scheduled from: invite-service checks that premise
        jdbc.sql("""
                INSERT INTO invite.account (id, workspace_id, type, login, email, first_name, last_name, status,
                    mail_language, visibility_scope, creation_notification, suspension_at)
                SELECT (lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || '7'
                        || lpad(to_hex(n), 19, '0'))::uuid,
                    'bench', 'USER', 'user' || n, 'user' || n || '@bench.example', 'Bench', 'User ' || n, 'ACTIVE',
                    'en', 'PRIVATE', false, ?
                FROM generate_series(1, ?) AS n""").params(Timestamp.from(due), count).update();
        jdbc.sql("ANALYZE invite.account").update();
        jdbc.sql("""
                INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version)
                SELECT 'bench', id::text, 'SUSPENSION_DATE', ?, ? FROM invite.account WHERE workspace_id = 'bench'""")
                .params(Timestamp.from(due), Timestamp.from(due.minusSeconds(3600))).update();
        // What the scheduler knows of each account, as their creation events (with the date) would have left it: the
        // schedule's transitions come from there. Without these rows the scheduler's feed of the million status
        // changes made each account's row first (three statements more per event, competing with the path).
        jdbc.sql("""
                INSERT INTO scheduler.account_schedule (workspace_id, account_id, status, suspension_at,
                    expiration_mode, prevent_automatic_suspension, version, active_since)
                SELECT 'bench', id::text, 'ACTIVE', ?, 'DEFAULT', false, ?, ? FROM invite.account
                WHERE workspace_id = 'bench'""")
                .params(Timestamp.from(due), Timestamp.from(due.minusSeconds(3600)),
                        Timestamp.from(due.minusSeconds(3600))).update();
        jdbc.sql("ANALYZE scheduler.account_schedule").update();
        if (Duration.between(Instant.now(), due).toSeconds() < 20) {
            throw new IllegalStateException("the accounts took too long to write: their date is too near, run again");
        }
        // where the events topic ends now: the status changes are read from there once the path is done
        StatusChangedCounter events = new StatusChangedCounter(bootstrap, count);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong heapPeak = new AtomicLong(heapBefore);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        LiveHeap liveHeap = LiveHeap.watch();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()));
        StatementCosts statements = StatementCosts.ifAsked(jdbc);
        CpuUse cpu;
        try (Connection c = db.getConnection()) {
            cpu = new CpuUse(pathThreads(), c);
        }
        PathProgress progress = new PathProgress(bootstrap, List.of(
                PathProgress.Stage.produced("commands_on_kafka", Topics.ACCOUNT_REQUESTS),
                PathProgress.Stage.committed("invite_applied", Topics.ACCOUNT_REQUESTS, "roster-invite-service"),
                PathProgress.Stage.produced("events_on_kafka", Topics.ACCOUNT_EVENTS),
                PathProgress.Stage.committed("scheduler_fed_back", Topics.ACCOUNT_EVENTS,
                        "roster-suspension-scheduler")), due, count, Duration.ofSeconds(5));
        // the commands are fewer records than suspensions (account.suspend-many.v1): their count is known once all
        // are on Kafka
        progress.expect("commands_on_kafka", Long.MAX_VALUE);
        progress.expect("invite_applied", Long.MAX_VALUE);
        progress.start();
        sampler.start();
        Double swept = null;
        Double relayed = null;
        // The first pending row in the sweep's order, looked for from the last one found: the sweep deletes the rows
        // in that order, and a probe from the start walked every index entry deleted so far (286 probes of 12 ms
        // each, 3-4 s of PostgreSQL's CPU taken from the path it measures).
        Timestamp pendingAt = Timestamp.from(Instant.EPOCH);
        long pendingId = 0;
        while (relayed == null) {
            Thread.sleep(100);
            double since = Duration.between(due, Instant.now()).toMillis() / 1000.0;
            if (swept == null) {
                List<Object[]> first = jdbc.sql("SELECT due_at, id FROM scheduler.due_transition"
                        + " WHERE workspace_id = 'bench' AND (due_at, id) >= (?, ?) ORDER BY due_at, id LIMIT 1")
                        .params(pendingAt, pendingId)
                        .query((rs, n) -> new Object[] {rs.getTimestamp(1), rs.getLong(2)}).list();
                if (first.isEmpty()) {
                    swept = since;
                } else {
                    pendingAt = (Timestamp) first.get(0)[0];
                    pendingId = (Long) first.get(0)[1];
                }
            }
            if (swept != null && jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM scheduler.outbox"
                    + " WHERE published_at IS NULL)").query(Boolean.class).single()) {
                relayed = since;
            }
        }
        long commandRecords = progress.now("commands_on_kafka");
        progress.expect("commands_on_kafka", commandRecords);
        progress.expect("invite_applied", commandRecords);
        // Every stage done, as the broker's offsets say: N events produced, consumed back by the feed. The events
        // themselves are read and checked afterwards, off the path: a consumer reading a million records in this
        // JVM meanwhile took CPU from the path it measured (decompression, records, a String of every value).
        progress.join(Duration.ofMinutes(15).toMillis());
        progress.interrupt();
        sampler.interrupt();
        // CPU time from the due minute until every stage was done (the feed included), per suspension: where the
        // time goes whatever else shares the machine, where pg_stat_statements' elapsed times include the waits for
        // a core
        cpu.print("cpu.same_minute", count);
        Instant lastEvent = events.readAll(Duration.ofMinutes(5));
        for (String stage : List.of("commands_on_kafka", "invite_applied", "events_on_kafka", "scheduler_fed_back")) {
            Double at = progress.reached(stage);
            print("stage." + stage + "_seconds", at == null ? Double.NaN : at, "s");
        }
        long inactive = jdbc.sql("SELECT count(*) FROM invite.account WHERE workspace_id = 'bench'"
                + " AND status = 'INACTIVE'").query(Long.class).single();
        System.gc();
        print("scheduler.same_minute_transitions", count, "transitions");
        print("scheduler.same_minute_swept_into_outbox_seconds", swept, "s");
        print("scheduler.same_minute_on_kafka_seconds", relayed, "s");
        print("scheduler.same_minute_command_records", commandRecords, "records");
        print("scheduler.same_minute_throughput", count / relayed, "suspensions/s");
        print("ratio.scheduler_on_kafka_vs_sql_update", relayed / baselineSeconds, "x");
        statements.print(count);
        // the feed's rewrites of the accounts it knows: HOT ones (on the same page, no index entry) are the cheap kind
        jdbc.sql("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relid = 'scheduler.account_schedule'"
                + "::regclass").query(rs -> {
                    print("scheduler.account_schedule_updates", rs.getLong(1), "rows");
                    print("scheduler.account_schedule_hot_updates", rs.getLong(2), "rows");
                });
        print("invite.same_minute_accounts_inactive", inactive, "accounts");
        print("invite.same_minute_status_changed_events", events.seen(), "events");
        // The ceiling on the real table: the same rows, with invite-service's indexes, changed by one plain UPDATE
        // (back to ACTIVE: the same work as to INACTIVE).
        long start = System.nanoTime();
        jdbc.sql("UPDATE invite.account SET status = 'ACTIVE', updated_at = now() WHERE workspace_id = 'bench'")
                .update();
        double sameRows = (System.nanoTime() - start) / 1e9;
        print("baseline.sql_update_same_rows_seconds", sameRows, "s");
        if (lastEvent != null) {
            double whole = Duration.between(due, lastEvent).toMillis() / 1000.0;
            print("whole_path.same_minute_all_inactive_and_announced_seconds", whole, "s");
            print("whole_path.same_minute_throughput", count / whole, "suspensions/s");
            print("ratio.whole_path_vs_sql_update", whole / baselineSeconds, "x");
            print("ratio.whole_path_vs_sql_update_same_rows", whole / sameRows, "x");
        }
        print("scheduler.heap_used_before_mb", heapBefore / 1e6, "MB");
        print("scheduler.heap_used_peak_mb", heapPeak.get() / 1e6, "MB");
        print("scheduler.heap_used_after_mb", memory.getHeapMemoryUsage().getUsed() / 1e6, "MB");
        liveHeap.stop();
        print("scheduler.heap_after_gc_peak_mb", liveHeap.peakBytes() / 1e6, "MB");
        print("scheduler.heap_after_gc_collections", liveHeap.collections(), "GCs");
    }

    /** The threads of the path, by part: invite-service's, the scheduler's, the broker's, the benchmark's own. */
    private static Map<String, java.util.function.Predicate<String>> pathThreads() {
        Map<String, java.util.function.Predicate<String>> threads = new java.util.LinkedHashMap<>();
        threads.put("invite_listeners", name -> name.startsWith("invite-service."));
        threads.put("invite_relay", name -> name.startsWith("outbox-relay-invite"));
        threads.put("scheduler_sweep", name -> name.startsWith("scheduler-sweep"));
        threads.put("scheduler_feed", name -> name.startsWith("suspension-scheduler."));
        threads.put("scheduler_relay", name -> name.startsWith("outbox-relay-scheduler"));
        threads.put("broker", name -> name.startsWith("data-plane-kafka") || name.startsWith("kafka-")
                || name.startsWith("executor-") || name.startsWith("broker-") || name.contains("raft")
                || name.startsWith("group-coordinator") || name.startsWith("ExpirationReaper"));
        // a thread that ends before the measurement does (path-progress, once every stage is reached) leaves its CPU
        // in jvm_internal: the JVM no longer answers for it by name
        threads.put("benchmark_counters", name -> name.equals("path-progress") || name.equals("heap-sampler"));
        return threads;
    }

    /**
     * The heap right after each collection, the largest seen: what the JVM (the scheduler, invite-service, the broker
     * and the database clients) kept alive, where the used heap sampled between collections is mostly garbage waiting
     * for the next one, as large as the young generation the collector chose to grow.
     */
    private static final class LiveHeap implements javax.management.NotificationListener {

        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();
        private final List<javax.management.NotificationEmitter> emitters = new ArrayList<>();

        static LiveHeap watch() {
            LiveHeap heap = new LiveHeap();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    emitter.addNotificationListener(heap, null, null);
                    heap.emitters.add(emitter);
                }
            }
            return heap;
        }

        @Override
        public void handleNotification(javax.management.Notification notification, Object handback) {
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                    .equals(notification.getType())) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) notification.getUserData());
            long after = 0;
            for (var usage : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (!usage.getKey().contains("Metaspace") && !usage.getKey().contains("Code")
                        && !usage.getKey().contains("Class")) {
                    after += usage.getValue().getUsed();
                }
            }
            peak.accumulateAndGet(after, Math::max);
            collections.incrementAndGet();
        }

        void stop() {
            for (var emitter : emitters) {
                try {
                    emitter.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException e) {
                    // not registered: nothing to remove
                }
            }
        }

        long peakBytes() {
            return peak.get();
        }

        long collections() {
            return collections.get();
        }
    }

    /**
     * Reads the events topic from where it ended before the due minute, once the path is done: counts the
     * {@code account.status-changed.v1} records that make a benchmark account ({@code bench}) INACTIVE, each account
     * once, and keeps the latest record time (the relay's send): the moment the last one was published.
     */
    private static final class StatusChangedCounter {

        private final KafkaConsumer<String, byte[]> consumer;
        private final int expected;
        /** The accounts seen, by the number their id ends with (the benchmark's accounts are numbered 1 to N). */
        private final java.util.BitSet accounts;
        private int seen;
        private int others;
        private long lastMillis;

        StatusChangedCounter(String bootstrap, int expected) {
            this.expected = expected;
            this.accounts = new java.util.BitSet(expected + 1);
            this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                    new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNT_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** The time of the last record once every account's was read; null if they were not within timeout. */
        Instant readAll(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try (consumer) {
                while (accounts.cardinality() < expected && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.key() == null || !record.key().startsWith("bench/")) {
                            continue;
                        }
                        long account = inactiveAccount(record.value());
                        if (account > 0 && account <= expected) {
                            seen++;
                            accounts.set((int) account);
                            lastMillis = Math.max(lastMillis, record.timestamp());
                        } else {
                            others++;
                        }
                    }
                }
            }
            print("invite.same_minute_status_changed_records", seen, "records");
            print("invite.same_minute_other_bench_records", others, "records");
            return accounts.cardinality() >= expected ? Instant.ofEpochMilli(lastMillis) : null;
        }

        /**
         * The number of the benchmark account this record makes INACTIVE (the last 12 hex digits of its id, as the
         * set-up writes them), or -1 for any other record.
         */
        private static long inactiveAccount(byte[] value) {
            var event = CODEC.read(value);
            if (!(event.payload() instanceof AccountStatusChanged change) || !"bench".equals(event.workspaceId())
                    || change.to() != AccountStatus.INACTIVE) {
                return -1;
            }
            return Long.parseLong(change.accountId().substring(24), 16);
        }

        int seen() {
            return accounts.cardinality();
        }
    }

    /** {@code perMinute} transitions due a minute, evenly, for {@code minutes}; their lateness read back on Kafka. */
    private static void normalLoad(JdbcClient jdbc, String bootstrap, int perMinute, int minutes) {
        String workspace = "normal-" + UUID.randomUUID().toString().substring(0, 8);
        int total = perMinute * minutes;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNT_REQUESTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Instant start = Instant.now().plusSeconds(5);
            long spacingMicros = 60_000_000L / perMinute;
            jdbc.sql("""
                    INSERT INTO scheduler.due_transition (workspace_id, subject_id, kind, due_at, version)
                    SELECT ?, 'account-' || n, 'SUSPENSION_DATE', ?::timestamptz + n * ? * interval '1 microsecond', ?
                    FROM generate_series(1, ?) AS n""")
                    .params(workspace, Timestamp.from(start), spacingMicros, Timestamp.from(start), total).update();
            List<Long> sweptMillis = new ArrayList<>(total);
            List<Long> onKafkaMillis = new ArrayList<>(total);
            long deadline = System.nanoTime() + Duration.ofMinutes(minutes + 2).toNanos();
            while (sweptMillis.size() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!record.key().startsWith(workspace + "/")) {
                        continue;
                    }
                    var command = CODEC.read(record.value());
                    // one suspension, or several (account.suspend-many.v1): each due at its suspension date
                    List<SuspendAccount> suspensions = command.payload() instanceof SuspendAccounts many
                            ? many.each() : List.of((SuspendAccount) command.payload());
                    for (SuspendAccount suspension : suspensions) {
                        long dueMillis = suspension.suspensionDate().toEpochMilli();
                        sweptMillis.add(command.occurredAt().toEpochMilli() - dueMillis);
                        onKafkaMillis.add(record.timestamp() - dueMillis);
                    }
                }
            }
            print("scheduler.normal_load_rate", perMinute, "transitions/min");
            print("scheduler.normal_load_commands", sweptMillis.size(), "suspensions");
            print("scheduler.normal_load_lateness_swept_p50", percentile(sweptMillis, 0.5), "ms");
            print("scheduler.normal_load_lateness_swept_p99", percentile(sweptMillis, 0.99), "ms");
            print("scheduler.normal_load_lateness_on_kafka_p50", percentile(onKafkaMillis, 0.5), "ms");
            print("scheduler.normal_load_lateness_on_kafka_p99", percentile(onKafkaMillis, 0.99), "ms");
        }
    }

    private static long percentile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static void print(String name, double value, String unit) {
        System.out.printf("%s=%.2f %s%n", name, value, unit);
    }
}
