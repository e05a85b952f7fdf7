package io.roster.benchmarks;

import io.roster.audit.app.AuditSinkApplication;
import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.contracts.activity.ActivityRecorded;
import io.roster.embedded.EmbeddedInfrastructure;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * audit-sink on a real broker and database. Prints {@code name=value unit} lines.
 *
 * <ul>
 * <li>{@code ingest [events]} (default 500,000, 100 workspaces): a standing backlog on {@code roster.activity}
 * drained into the log by the batch listener, timed from the listener's start to the last row; ceiling in the same
 * run: the same number of rows COPYed straight into the same table (same partitions and indexes).</li>
 * <li>{@code report [rows]} (default 10,000,000; 100 workspaces, one with half the rows, over the last 89 days):
 * the first page and the last page of a 90-day report of the big workspace over HTTP, p50/p99 of 200 requests each;
 * ceiling: the same page queries straight over JDBC.</li>
 * <li>{@code pdf [rows]} (default 100,000): a PDF export of that many rows over HTTP, its time and the JVM's peak
 * heap during it (run the JVM with {@code -Xmx256m}: {@code MAVEN_OPTS=-Xmx256m}).</li>
 * </ul>
 */
public final class AuditBenchmark {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final String SECRET = "bench-secret";

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String mode = args.length > 0 ? args[0] : "ingest";
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(
                new EmbeddedInfrastructure.Options(dataDir(), true, true, false, 0, 0, 0, 0))) {
            Map<String, Object> properties = new HashMap<>(infra.springProperties());
            properties.put("server.port", "0");
            properties.put("logging.level.root", "WARN");
            // audit-sink alone: the other services on the benchmarks' classpath stay out
            properties.put("spring.autoconfigure.exclude", "io.roster.invite.InviteServiceAutoConfiguration,"
                    + "io.roster.scheduler.SuspensionSchedulerAutoConfiguration,"
                    + "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration,"
                    + "io.roster.importer.ImportWorkerAutoConfiguration");
            properties.put("roster.messaging.topics.partitions[roster.activity]", "12");
            properties.put("roster.audit.consumer-concurrency",
                    System.getProperty("roster.bench.concurrency", "2"));
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(AuditSinkApplication.class)
                    .properties(properties).run()) {
                String url = infra.springProperties().get("spring.datasource.url");
                String user = infra.springProperties().getOrDefault("spring.datasource.username", "postgres");
                String password = infra.springProperties().getOrDefault("spring.datasource.password", "postgres");
                try (Connection db = DriverManager.getConnection(url, user, password)) {
                    int port = ((WebServerApplicationContext) service).getWebServer().getPort();
                    switch (mode) {
                        case "ingest" -> ingest(infra, service, db, args.length > 1 ? Integer.parseInt(args[1])
                                : 500_000);
                        case "report" -> report(db, port, args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000);
                        case "pdf" -> pdf(db, port, args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
                        default -> throw new IllegalArgumentException("mode: ingest, report or pdf");
                    }
                }
            }
        }
    }

    /**
     * {@code -Droster.bench.data-dir=DIR}: Kafka and PostgreSQL keep their data there, and a later run with the same
     * directory reuses the report's rows instead of loading them again. None: a throwaway directory.
     */
    private static java.nio.file.Path dataDir() {
        String dir = System.getProperty("roster.bench.data-dir");
        return dir == null ? null : java.nio.file.Path.of(dir);
    }

    // ---------------------------------------------------------------- ingest

    private static void ingest(EmbeddedInfrastructure infra, ConfigurableApplicationContext service, Connection db,
            int events) throws Exception {
        MessageListenerContainer listener = service.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("audit-sink.activity");
        listener.stop();
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = producer(infra.kafka().bootstrapServers())) {
            for (int i = 0; i < events; i++) {
                Envelope<Payload> e = signIn("bench-" + (i % 100), now.minusMillis(events - i), i);
                producer.send(new ProducerRecord<>(Topics.ACTIVITY, e.key(), CODEC.writeString(e)));
            }
        }
        long before = count(db, "SELECT count(*) FROM audit.activity_log");
        StatementCosts costs = StatementCosts.ifAsked(org.springframework.jdbc.core.simple.JdbcClient.create(
                service.getBean(javax.sql.DataSource.class)));
        // drained once the group's committed offsets reach the topic's end: the listener commits them after the
        // rows' transaction (a count(*) of the table every 250 ms cost PostgreSQL as much as the COPYs)
        long start;
        long expected;
        CpuUse cpu;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafka().bootstrapServers()))) {
            // what the topic holds (a send the broker refused on an overloaded machine is not in it)
            expected = lag(admin);
            Map<String, java.util.function.Predicate<String>> threads = new java.util.LinkedHashMap<>();
            threads.put("consumers", name -> name.startsWith("audit-sink.activity"));
            cpu = new CpuUse(threads, db);
            start = System.nanoTime();
            listener.start();
            while (lag(admin) > 0) {
                Thread.sleep(50);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long recorded = count(db, "SELECT count(*) FROM audit.activity_log") - before;
        if (recorded != expected) {
            throw new IllegalStateException(recorded + " rows recorded of " + expected + " events on the topic");
        }
        if (expected != events) {
            System.out.println("# " + (events - expected) + " of the " + events + " sends failed: " + expected
                    + " events drained");
        }
        events = (int) expected;
        double ingest = events / seconds;
        print("audit.ingest_drain_throughput", ingest, "events/s");
        // where the CPU went, per event: what the 2 cores can give at the target is 40 µs an event in all
        cpu.print("audit.ingest_cpu", events);
        long sealStart = System.nanoTime();
        // the heads' positions add up to the rows chained (no retention in this run); rows are chained in the
        // transaction that writes them, so this holds as soon as the drain ends (it once waited for a sealer)
        while (count(db, "SELECT coalesce(sum(chain_seq), 0) FROM audit.chain_head") < before + events) {
            Thread.sleep(100);
        }
        double sealedAfter = (System.nanoTime() - sealStart) / 1e9;
        print("audit.sealed_after_ingest", sealedAfter * 1000, "ms");
        // the log is only complete once chained: from the listener's start until every row is in its chain
        double sealed = events / (seconds + sealedAfter);
        print("audit.ingest_sealed_throughput", sealed, "events/s");
        boolean keptUp = sealedAfter <= 2;
        System.out.printf("# the chain %s: every row chained %.1f s after the last one was recorded; the ingest that"
                + " counts is %s%n", keptUp ? "kept up" : "did NOT keep up", sealedAfter,
                keptUp ? "the drain's" : "the sealed throughput");
        print("audit.ingest_counted_throughput", keptUp ? ingest : sealed, "events/s");
        cpu.print("audit.ingest_and_seal_cpu", events);
        costs.print(events);

        // ceiling: the same rows COPYed into the same table (same partitions and indexes), without their chain
        long copyStart = System.nanoTime();
        db.setAutoCommit(false);
        int chunk = 50_000;
        for (int done = 0; done < events; done += chunk) {
            StringBuilder csv = new StringBuilder(chunk * 300);
            for (int i = done; i < Math.min(events, done + chunk); i++) {
                Envelope<Payload> e = signIn("copy-" + (i % 100), now.minusMillis(events - i), i);
                ActivityRecorded a = (ActivityRecorded) e.payload();
                csv.append(e.eventId()).append(',').append(e.workspaceId()).append(',').append(e.occurredAt())
                        .append(",activity.recorded.v1,SIGN_IN,").append(a.accountId()).append(',')
                        .append(a.accountId()).append(",USER,").append(e.actor().id()).append(',')
                        .append(e.actor().clientIp()).append(',').append(e.requestId()).append(",SIGN_IN ")
                        .append(a.login()).append(",\"")
                        .append(CODEC.mapper().writeValueAsString(a).replace("\"", "\"\"")).append("\"\n");
            }
            // the CSV is built as the service decodes and describes: that work is part of the ceiling too
            ((PGConnection) db.unwrap(PGConnection.class)).getCopyAPI().copyIn("COPY audit.activity_log (event_id,"
                    + " workspace_id, occurred_at, type, action, account_id, subject, actor_kind, actor_id,"
                    + " client_ip, request_id, summary, details) FROM STDIN (FORMAT csv)",
                    new StringReader(csv.toString()));
        }
        db.commit();
        db.setAutoCommit(true);
        double copy = events / ((System.nanoTime() - copyStart) / 1e9);
        print("baseline.copy_throughput", copy, "rows/s");
        print("audit.ingest_vs_copy", 100 * ingest / copy, "%");
        print("audit.ingest_sealed_vs_copy", 100 * sealed / copy, "%");
    }

    /** Events of roster.activity not yet committed by audit-sink's group. */
    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("roster-audit-sink")
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var partition : admin.describeTopics(List.of(Topics.ACTIVITY)).allTopicNames().get().get(Topics.ACTIVITY)
                .partitions()) {
            latest.put(new TopicPartition(Topics.ACTIVITY, partition.partition()), OffsetSpec.latest());
        }
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    private static Envelope<Payload> signIn(String workspace, Instant at, int i) {
        return new Envelope<>(UUID.randomUUID(), MessageType.ACTIVITY_RECORDED.typeName(), at, workspace,
                "req-" + i, new Actor(Actor.Kind.USER, "acc-" + (i % 5000), "198.51.100." + (i % 250)),
                new ActivityRecorded("SIGN_IN", "acc-" + (i % 5000), "user" + (i % 5000), null));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new StringSerializer());
    }

    // ---------------------------------------------------------------- report

    /**
     * Rows spread at random over the last 90 UTC days (today's up to now), generated by PostgreSQL itself
     * ({@code generate_series}) straight into each day's partition: no text through JDBC, no routing. The workspace
     * of row g is the SQL expression {@code workspace} of {@code g}. They are in no chain (their hashes are not
     * generated: no page reads them; a verification would call them unchained). With
     * {@code -Droster.bench.data-dir}, a database that holds the rows already (the table {@code public.audit_bench}
     * says how many) is reused as it is.
     */
    private static void generate(Connection db, String workspace, int rows) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public.audit_bench (kind TEXT PRIMARY KEY, rows BIGINT NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT rows FROM public.audit_bench WHERE kind = '" + workspace
                    .replace("'", "''") + "'")) {
                if (rs.next() && rs.getLong(1) == rows) {
                    System.out.println("# reusing the " + rows + " rows loaded before in this data directory");
                    return;
                }
            }
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (int d = -90; d <= 1; d++) {
                s.execute("SELECT audit.ensure_activity_partition('" + today.plusDays(d) + "')");
            }
            int days = 90;
            long done = 0;
            for (int d = 0; d < days; d++) {
                LocalDate day = today.minusDays(d);
                long n = (long) rows * (d + 1) / days - (long) rows * d / days;
                String partition = "audit.activity_log_p" + day.toString().replace("-", "");
                // today's rows up to now, the other days' over the whole day
                String span = d == 0 ? "(now() - '" + day + "'::timestamptz)" : "interval '1 day'";
                s.execute("INSERT INTO " + partition + " (event_id, workspace_id, occurred_at, type, action,"
                        + " account_id, subject, actor_kind, actor_id, client_ip, request_id, summary, details)"
                        + " SELECT gen_random_uuid(), " + workspace + ", '" + day + "'::timestamptz + random() * "
                        + span + ", 'activity.recorded.v1', 'SIGN_IN', 'acc-' || g % 5000, 'acc-' || g % 5000,"
                        + " 'USER', 'acc-' || g % 5000, '198.51.100.' || g % 250, 'req-' || g,"
                        + " 'SIGN_IN user' || g % 5000,"
                        + " jsonb_build_object('action', 'SIGN_IN', 'login', 'user' || g % 5000)"
                        + " FROM generate_series(" + (done + 1) + ", " + (done + n) + ") g");
                done += n;
            }
            s.execute("ANALYZE audit.activity_log");
            s.execute("INSERT INTO public.audit_bench (kind, rows) VALUES ('" + workspace.replace("'", "''") + "', "
                    + rows + ") ON CONFLICT (kind) DO UPDATE SET rows = EXCLUDED.rows");
        }
    }

    private static String key(Connection db, String workspace) throws Exception {
        String id = "rk_bench_" + workspace.replace("-", "_");
        try (var insert = db.prepareStatement("INSERT INTO audit.access_key (id, workspace_id, name, secret_sha256,"
                + " created_at) VALUES (?, ?, 'bench', ?, now()) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, workspace);
            insert.setBytes(3, MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8)));
            insert.executeUpdate();
        }
        return id + "." + SECRET;
    }

    private static void report(Connection db, int port, int rows) throws Exception {
        long start = System.nanoTime();
        // one workspace with half the rows, 99 others sharing the rest
        generate(db, "CASE WHEN g % 2 = 0 THEN 'big' ELSE 'ws-' || g % 99 END", rows);
        print("audit.report_rows_generated", rows, "rows");
        print("audit.report_generation_time", (System.nanoTime() - start) / 1e9, "s");
        String token = key(db, "big");
        String first = "/api/v1/workspaces/big/activity?size=100";
        // the last page: the cursor of the row just before the oldest 100
        String cursor;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT occurred_at, id FROM"
                + " audit.activity_log WHERE workspace_id = 'big' ORDER BY occurred_at, id OFFSET 100 LIMIT 1")) {
            rs.next();
            Instant at = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            ByteBuffer bytes = ByteBuffer.allocate(20).putLong(at.getEpochSecond()).putInt(at.getNano())
                    .putLong(rs.getLong(2));
            cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        }
        String last = first + "&cursor=" + cursor;
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 50; i++) {
            get(http, port, first, token);
            get(http, port, last, token);
        }
        print("audit.report_first_page", http, port, first, token);
        print("audit.report_last_page", http, port, last, token);

        // ceiling: the page queries alone over JDBC
        String sql = "SELECT id, event_id, occurred_at, type, action, account_id, subject, actor_kind, actor_id,"
                + " client_ip, request_id, summary, details::text FROM audit.activity_log WHERE workspace_id = 'big'"
                + " AND occurred_at >= now() - interval '90 days' AND occurred_at < now() %s"
                + " ORDER BY occurred_at DESC, id DESC LIMIT 101";
        printJdbc("baseline.jdbc_first_page", db, String.format(sql, ""));
        String literalNow = "'" + Instant.now() + "'::timestamptz";
        explain(db, "first page over the 90 days in one query (before)", String.format(sql, "")
                .replace("now()", literalNow));
        // the service's first query: the newest UTC day only (ActivityQueries' first window)
        String firstWindow = String.format(sql, "").replace("occurred_at >= now() - interval '90 days'",
                "occurred_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'");
        printJdbc("baseline.jdbc_first_window", db, firstWindow);
        explain(db, "the service's first window", firstWindow.replace("now()", literalNow));
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT occurred_at, id FROM"
                + " audit.activity_log WHERE workspace_id = 'big' ORDER BY occurred_at, id OFFSET 100 LIMIT 1")) {
            rs.next();
            String t = rs.getObject(1, java.time.OffsetDateTime.class).toString();
            printJdbc("baseline.jdbc_last_page", db, String.format(sql, "AND occurred_at <= '" + t
                    + "' AND (occurred_at < '" + t + "' OR id < " + rs.getLong(2) + ")"));
        }
    }

    private static void print(String name, HttpClient http, int port, String path, String token) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long t = System.nanoTime();
            get(http, port, path, token);
            micros.add((System.nanoTime() - t) / 1000);
        }
        micros.sort(null);
        print(name + "_p50", micros.get(99) / 1000.0, "ms");
        print(name + "_p99", micros.get(197) / 1000.0, "ms");
    }

    /** The plan of a query with its bounds as literals (planned as the service's bound parameters are). */
    private static void explain(Connection db, String what, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            System.out.println("# plan of the " + what + ":\n" + plan);
        }
    }

    private static void printJdbc(String name, Connection db, String sql) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            long t = System.nanoTime();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rs.getString(13);
                }
            }
            if (i >= 50) {
                micros.add((System.nanoTime() - t) / 1000);
            }
        }
        micros.sort(null);
        print(name + "_p50", micros.get(99) / 1000.0, "ms");
        print(name + "_p99", micros.get(197) / 1000.0, "ms");
    }

    private static byte[] get(HttpClient http, int port, String path, String token) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    // ---------------------------------------------------------------- pdf

    private static void pdf(Connection db, int port, int rows) throws Exception {
        generate(db, "'pdf'", rows);
        String token = key(db, "pdf");
        HttpClient http = HttpClient.newHttpClient();
        String path = "/api/v1/workspaces/pdf/activity/export.pdf";
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (var in = response.body()) {
            bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        print("audit.pdf_export_rows", rows, "rows");
        print("audit.pdf_export_time", seconds, "s");
        print("audit.pdf_export_size", bytes / 1e6, "MB");
        print("audit.pdf_heap_before", before / 1e6, "MB");
        print("audit.pdf_heap_peak", peak / 1e6, "MB");
        print("audit.pdf_max_heap", Runtime.getRuntime().maxMemory() / 1e6, "MB");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode());
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void print(String name, double value, String unit) {
        System.out.printf("%s=%.2f %s%n", name, value, unit);
    }
}
