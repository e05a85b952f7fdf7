package io.roster.benchmarks;

import io.roster.contracts.Actor;
import io.roster.contracts.account.CreateUser;
import io.roster.embedded.EmbeddedInfrastructure;
import io.roster.messaging.BinaryCopyRows;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The ceiling of issue 19's contract itself on this machine: one {@code account.create-user.v1} command per row on a
 * topic with the partitions of {@code roster.account.requests}, and per created account one row in a table shaped like
 * invite-service's accounts and one {@code account.created.v1} through a transactional outbox — the least any
 * implementation of "each valid row travels as its own command, each created account gets its own event" must do,
 * with no validation, no Spring, no listener containers: plain Kafka clients and JDBC in one JVM, on the embedded
 * broker and PostgreSQL ({@link ImportContractPipeline}). Prints, per variant, rows/s from the first command sent to
 * the last event read, when each stage began and ended, the wall time of each step of the writer and the relay, and
 * the CPU each part spent per row (threads by stage, the broker, the JVM's GC and JIT, PostgreSQL's processes) with
 * the rate two fully used cores would allow at that cost. In the same run, the ceilings: one plain binary COPY of the
 * same account rows into the same indexed table, and the producer alone.
 *
 * <p>Variants: {@code outbox} (accounts and outbox rows by binary COPY, a relay), {@code outbox-unnest} (both by
 * {@code INSERT … SELECT … FROM unnest(arrays)}, as invite-service writes today), {@code no-outbox} (accounts by COPY,
 * the events sent from memory after the commit: what the outbox costs).
 *
 * <p>Arguments: rows (1000000); variants (outbox,outbox-unnest,no-outbox); warm-up rows (100000; 0 = none: every
 * measurement then includes the JIT compiling) — the warm-up runs each measurement once at that size first.
 * {@code -Droster.bench.batch=N}: records a poll and rows a relay batch (5000); {@code -Droster.bench.lanes=L}: writers,
 * each with its outbox and relay (as many as cores).
 */
public final class ImportContractCeilingBenchmark {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Rows a COPY statement of the ceiling. */
    private static final int COPY_CHUNK = 50_000;
    private static final String WARM_UP = "warm-up";
    private static final String MEASURED = "measured";

    private final String bootstrap;
    private final Supplier<Connection> db;
    private final Connection control;
    private final Admin admin;
    private final CpuUse cpu;
    private final int batch;
    private final int lanes;

    private ImportContractCeilingBenchmark(String bootstrap, Supplier<Connection> db, Connection control, Admin admin,
            int batch, int lanes) throws Exception {
        this.bootstrap = bootstrap;
        this.db = db;
        this.control = control;
        this.admin = admin;
        this.batch = batch;
        this.lanes = lanes;
        this.cpu = new CpuUse(threadGroups(), control);
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        // a new topic's first sends are refused until its partitions are ready (NOT_LEADER_OR_FOLLOWER) and
        // retried: a warning for each
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<ImportContractPipeline.Variant> variants = new ArrayList<>();
        for (String label : (args.length > 1 ? args[1] : "outbox,outbox-unnest,no-outbox").split(",")) {
            variants.add(ImportContractPipeline.Variant.of(label));
        }
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int batch = Integer.getInteger("roster.bench.batch", 5_000);
        int lanes = Integer.getInteger("roster.bench.lanes", CORES);
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(
                new EmbeddedInfrastructure.Options(null, true, true, false, 0, 0, 0, 0))) {
            Map<String, String> spring = infra.springProperties();
            Supplier<Connection> db = () -> {
                try {
                    return DriverManager.getConnection(spring.get("spring.datasource.url"),
                            spring.get("spring.datasource.username"), spring.get("spring.datasource.password"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            String bootstrap = infra.kafka().bootstrapServers();
            try (Connection control = db.get();
                    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                new ImportContractCeilingBenchmark(bootstrap, db, control, admin, batch, lanes).run(rows, variants, warmup);
            }
        }
    }

    private void run(int rows, List<ImportContractPipeline.Variant> variants, int warmup) throws Exception {
        System.out.printf("# %d rows, batches of %d, %d lanes (a writer and a relay each), %d cores; load average %s%n",
                rows, batch, lanes, CORES, load());
        // issue 19's target: what 50,000 rows/s leaves a row of CPU for everything, on this machine's cores
        print("target.cpu_per_row_at_50000_rows_s", CORES * 1e6 / 50_000, "µs/row");
        // Every topic created up front: an idempotent producer's first sends to a topic created a moment before were
        // refused (NOT_LEADER_OR_FOLLOWER) and then, retried, refused for ever with OUT_OF_ORDER_SEQUENCE_NUMBER.
        List<String> topics = new ArrayList<>();
        for (String phase : warmup > 0 ? List.of(WARM_UP, MEASURED) : List.of(MEASURED)) {
            topics.add(producerTopic(phase));
            for (ImportContractPipeline.Variant variant : variants) {
                topics.add(requestsTopic(variant, phase));
                topics.add(eventsTopic(variant, phase));
            }
        }
        createTopics(topics);
        Thread.sleep(3_000);
        if (warmup > 0) {
            long t = System.nanoTime();
            copyCeiling(warmup);
            producerAlone(warmup, WARM_UP, null);
            for (ImportContractPipeline.Variant variant : variants) {
                pipeline(variant, warmup, WARM_UP, null);
            }
            System.out.printf("# warm-up: every measurement once at %d rows, %.1f s; load average %s%n", warmup,
                    (System.nanoTime() - t) / 1e9, load());
        }
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(control, true));

        StatementCosts costs = StatementCosts.ifAsked(jdbc);
        double copy = copyCeiling(rows);
        print("baseline.copy_account_rows", copy, "rows/s");
        double copyCpu = cpu.print("baseline.copy_account_rows.cpu", rows);
        print("baseline.copy_account_rows.cpu_bound", CORES * 1e6 / copyCpu, "rows/s");
        costs.print(rows);
        System.out.printf("# load average %s%n", load());

        double[] produced = producerAlone(rows, MEASURED, "baseline.producer_alone.cpu");
        print("baseline.producer_alone", produced[0], "rows/s");
        print("baseline.producer_alone.cpu_bound", CORES * 1e6 / produced[1], "rows/s");
        System.out.printf("# load average %s%n", load());

        for (ImportContractPipeline.Variant variant : variants) {
            costs = StatementCosts.ifAsked(jdbc);
            String figure = "ceiling." + variant.label;
            ImportContractPipeline.Result r = pipeline(variant, rows, MEASURED, figure + ".cpu");
            print(figure + ".cpu_bound", CORES * 1e6 / r.cpuTotal(), "rows/s");
            costs.print(rows);
            print(figure, r.rate(), "rows/s");
            print(figure + "_vs_copy", r.rate() / copy, "ratio");
            print(figure + ".seconds", r.seconds(), "s");
            stage(figure + ".stage.commands_sent", r, r.sent());
            stage(figure + ".stage.commands_flushed", r, r.flushed());
            stage(figure + ".stage.writer_first_batch", r, r.writerFirst());
            stage(figure + ".stage.writer_done", r, r.writerLast());
            if (r.relayLast() > 0) {
                stage(figure + ".stage.relay_done", r, r.relayLast());
            }
            stage(figure + ".stage.events_first", r, r.eventFirst());
            stage(figure + ".stage.events_done", r, r.eventLast());
            print(figure + ".writer_batch", (double) rows / r.batches(), "rows");
            r.writer().nanos().forEach((step, nanos) -> print(figure + ".writer_" + step, nanos / 1e3 / rows,
                    "µs/row"));
            if (r.relayBatches() > 0) {
                print(figure + ".relay_batch", (double) rows / r.relayBatches(), "rows");
                r.relay().nanos().forEach((step, nanos) -> print(figure + ".relay_" + step, nanos / 1e3 / rows,
                        "µs/row"));
            }
            System.out.printf("# load average %s%n", load());
        }
    }

    /**
     * The same account rows as the pipeline writes (their commands typed as the writer types them), encoded first and
     * then COPYed in statements of {@value #COPY_CHUNK} rows, one transaction, into the fresh indexed table: rows/s of
     * the COPYs and the commit.
     */
    private double copyCeiling(int rows) throws Exception {
        createTables();
        UUID job = UUID.randomUUID();
        Actor actor = new Actor(Actor.Kind.IMPORT, job.toString(), "198.51.100.7");
        List<InputStream> chunks = new ArrayList<>();
        BinaryCopyRows chunk = null;
        for (int row = 1; row <= rows; row++) {
            if (chunk == null) {
                chunk = new BinaryCopyRows(COPY_CHUNK * 400);
            }
            CreateUser user = ImportContractRows.command(ImportContractPipeline.WORKSPACE, job, actor, row,
                    Instant.now()).payload();
            ImportContractRows.copy(UUID.randomUUID(), ImportContractPipeline.WORKSPACE,
                    ImportContractRows.account(user, ZoneOffset.UTC), chunk);
            if (chunk.rows() == COPY_CHUNK || row == rows) {
                chunks.add(chunk.toInputStream());
                chunk = null;
            }
        }
        var copy = control.unwrap(PGConnection.class).getCopyAPI();
        control.setAutoCommit(false);
        cpu.restart();
        long start = System.nanoTime();
        for (InputStream in : chunks) {
            copy.copyIn("COPY " + ImportContractPipeline.SCHEMA + ".account (" + ImportContractRows.ACCOUNT_COLUMNS
                    + ") FROM STDIN (FORMAT binary)", in);
        }
        control.commit();
        double rate = rows / ((System.nanoTime() - start) / 1e9);
        control.setAutoCommit(true);
        require(count("SELECT count(*) FROM " + ImportContractPipeline.SCHEMA + ".account") == rows, "copied rows");
        readBack(Math.min(rows, 16));
        return rate;
    }

    /** The commands alone, built, encoded and sent as the pipeline's producer does: rows/s until flushed. */
    private double[] producerAlone(int rows, String phase, String cpuFigure) throws Exception {
        String topic = producerTopic(phase);
        ImportContractPipeline producer = new ImportContractPipeline(bootstrap, db, null, rows, batch, lanes, topic,
                null);
        double[] secondsAndCpu = producer.produceAlone(cpu, cpuFigure);
        require(endOffsets(topic) == rows, "records on " + topic);
        admin.deleteTopics(List.of(topic)).all().get();
        return new double[] {rows / secondsAndCpu[0], secondsAndCpu[1]};
    }

    private ImportContractPipeline.Result pipeline(ImportContractPipeline.Variant variant, int rows, String phase,
            String cpuFigure) throws Exception {
        createTables();
        String requests = requestsTopic(variant, phase);
        String events = eventsTopic(variant, phase);
        ImportContractPipeline.Result result = new ImportContractPipeline(bootstrap, db, variant, rows, batch, lanes,
                requests, events).run(cpu, cpuFigure);
        // nothing lost, nothing doubled
        require(count("SELECT count(*) FROM " + ImportContractPipeline.SCHEMA + ".account") == rows, "accounts");
        for (int lane = 0; lane < lanes; lane++) {
            require(count("SELECT count(*) FROM " + ImportContractPipeline.outbox(lane)) == 0, "outbox rows left");
        }
        require(endOffsets(requests) == rows, "commands on " + requests);
        require(endOffsets(events) == rows, "events on " + events);
        admin.deleteTopics(List.of(requests, events)).all().get();
        if (cpuFigure == null) {
            System.out.printf("# warm-up %s: %,.0f rows/s, %.1f µs of CPU a row%n", variant.label, result.rate(),
                    result.cpuTotal());
        }
        return result;
    }

    /** The values of row {@code row} as PostgreSQL read them from the binary rows: the encoding checked. */
    private void readBack(int row) throws SQLException {
        try (Statement s = control.createStatement(); ResultSet rs = s.executeQuery("SELECT first_name,"
                + " suspension_at, share_space_max_bytes, cardinality(buckets), mail_language, creation_notification"
                + " FROM " + ImportContractPipeline.SCHEMA + ".account WHERE workspace_id = '"
                + ImportContractPipeline.WORKSPACE + "' AND lower(login) = 'user." + row + "'")) {
            require(rs.next(), "row " + row + " read back");
            String expected = ImportBenchmark.value(io.roster.contracts.account.UserTemplateColumn.FIRSTNAME, row);
            require(rs.getString(1).equals(expected), "first name of row " + row + ": " + rs.getString(1));
            require(rs.getObject(2, java.time.OffsetDateTime.class).toInstant()
                    .equals(Instant.parse("2099-12-31T18:00:00Z")), "suspension of row " + row);
            require(rs.getLong(3) == 10L << 30 && rs.getInt(4) == 0 && !rs.getBoolean(6), "values of row " + row);
            require(rs.getString(5).equals(ImportBenchmark.value(
                    io.roster.contracts.account.UserTemplateColumn.MAIL_LANGUAGE, row)), "language of row " + row);
        }
    }

    private void createTables() throws SQLException {
        try (Statement s = control.createStatement()) {
            for (String sql : ImportContractRows.createTables(ImportContractPipeline.SCHEMA, lanes)) {
                s.execute(sql);
            }
        }
    }

    private static String producerTopic(String phase) {
        return "ceiling.producer-alone." + phase;
    }

    private static String requestsTopic(ImportContractPipeline.Variant variant, String phase) {
        return "ceiling." + variant.label + "." + phase + ".requests";
    }

    private static String eventsTopic(ImportContractPipeline.Variant variant, String phase) {
        return "ceiling." + variant.label + "." + phase + ".events";
    }

    /** New topics with the partitions of roster.account.requests, once every partition has its leader. */
    private void createTopics(List<String> topics) throws Exception {
        List<NewTopic> created = new ArrayList<>();
        for (String topic : topics) {
            created.add(new NewTopic(topic, ImportContractPipeline.PARTITIONS, (short) 1));
        }
        admin.createTopics(created).all().get();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, TopicDescription> described;
            try {
                described = admin.describeTopics(topics).allTopicNames().get();
            } catch (java.util.concurrent.ExecutionException notYet) {
                // created, not yet in the metadata the broker answers with
                Thread.sleep(100);
                continue;
            }
            if (described.values().stream().allMatch(d -> d.partitions().size() == ImportContractPipeline.PARTITIONS
                    && d.partitions().stream().allMatch(p -> p.leader() != null))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("topics " + topics + " without leaders after 60 s");
    }

    /** The records a topic holds: the sum of its partitions' end offsets. */
    private long endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < ImportContractPipeline.PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    private long count(String sql) throws SQLException {
        try (Statement s = control.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The threads of each stage (a client's I/O thread is named after its client id), then the broker's. */
    private static Map<String, Predicate<String>> threadGroups() {
        Map<String, Predicate<String>> groups = new LinkedHashMap<>();
        groups.put("producer", name -> name.equals("ceiling-producer") || name.endsWith("| ceiling-producer"));
        groups.put("writer", name -> name.startsWith("ceiling-writer") || name.contains("| ceiling-writer"));
        groups.put("writer_events_producer", name -> name.contains("| ceiling-events"));
        groups.put("relay", name -> name.startsWith("ceiling-relay") || name.contains("| ceiling-relay"));
        groups.put("counter", name -> name.equals("ceiling-counter") || name.endsWith("| ceiling-counter"));
        // every other thread but this benchmark's own (main, the admin client): the embedded broker's
        groups.put("broker", name -> !name.equals("main") && !name.contains("adminclient"));
        return groups;
    }

    /** The 1-, 5- and 15-minute load averages (the machine is shared). */
    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void stage(String name, ImportContractPipeline.Result r, long at) {
        print(name, (at - r.start()) / 1e9, "s");
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("wrong count: " + what);
        }
    }

    private static void print(String name, double value, String unit) {
        String format = switch (unit) {
            case "ratio" -> "%s=%.2f %s%n";
            case "s", "µs/row", "rows" -> "%s=%.1f %s%n";
            default -> "%s=%,.0f %s%n";
        };
        System.out.printf(format, name, value, unit);
    }
}
