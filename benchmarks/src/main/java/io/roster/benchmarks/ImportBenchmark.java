package io.roster.benchmarks;

import io.roster.contracts.account.TemplateColumn;
import io.roster.contracts.account.UserTemplateColumn;
import io.roster.embedded.EmbeddedInfrastructure;
import io.roster.invite.app.InviteServiceApplication;
import io.roster.importer.app.ImportWorkerApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole import (issue 19): 1,000,000-row Users files of 22 columns with unique EMAIL and LOGIN (CSV, inline-strings
 * XLSX, shared-strings XLSX, from {@link ImportFileBenchmark}'s generator) uploaded over HTTP to an import-worker
 * running in a JVM of its own at {@code -Xmx256m} with the serial collector, as infra/compose.yaml runs it (its peak
 * heap printed), as a dry run and as a full import — timed
 * from the upload's first byte until the job is COMPLETED, which for an import means every account committed in
 * invite-service (running in this JVM, on the same embedded Kafka and PostgreSQL) and its {@code account.created.v1}
 * published and consumed back. In the same run the ceilings: a plain streaming read of each file (FastCSV, StAX) and a
 * plain COPY of the same rows into a table with UNIQUE (workspace, email) and (workspace, login).
 *
 * <p>The files ask for no creation notification (CREATION_NOTIFICATION = NO): a million welcome mails would measure
 * the mail server, not the import.
 *
 * <p>Arguments: rows (1000000); kinds (csv,inline,shared); modes (dry,import); a directory to keep the files in
 * (none). {@code -Droster.bench.worker-jfr=FILE} records the import-worker with JFR's profiling settings;
 * {@code -Droster.bench.worker-jvm-options="OPTIONS"} adds JVM options (blank-separated) to the worker's command line;
 * {@code -Droster.bench.worker-idle-seconds=N} leaves the ready worker idle N seconds before the first figure;
 * {@code -Droster.bench.small-dry-run-accounts=N} times a 10-row dry run among N accounts after the import;
 * {@code -Droster.bench.warmup-rows=N} warms both JVMs before each kind's figures, so that the figures are the warm
 * JVMs' (their JIT has compiled the reader, the checks, libphonenumber, the commands' path through invite-service):
 * with the import among the modes, an import of an N-row file of the same kind into a workspace of its own, through
 * the same services, until COMPLETED, then until everything is quiet again and a CHECKPOINT — the measured figures
 * (rate, phases, CPU a row, statements, heap) are all taken after it; without, a dry run of an N-row file in the same
 * worker. By default (0) the worker is warmed with a one-row dry run only, as for the earlier figures, and every
 * figure includes the JIT compiling during the million rows. Prints {@code name=value unit} lines.
 *
 * <p>The worker's JVM ends with this one: killed, this JVM leaves no import-worker running (the child watches its
 * parent, and a shutdown hook here ends it too).
 */
public final class ImportBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String SECRET = "bench-import-secret";

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--worker")) {
            worker(args);
            return;
        }
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> kinds = List.of((args.length > 1 ? args[1] : "csv,inline,shared").split(","));
        List<String> modes = List.of((args.length > 2 ? args[2] : "dry,import").split(","));
        Path kept = args.length > 3 ? Path.of(args[3]) : null;
        Path dir = kept != null ? Files.createDirectories(kept) : Files.createTempDirectory("roster-import-bench");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("csv", dir.resolve("users-" + rows + ".csv"));
        files.put("inline", dir.resolve("users-" + rows + "-inline.xlsx"));
        files.put("shared", dir.resolve("users-" + rows + "-shared.xlsx"));
        try {
            long start = System.nanoTime();
            for (String kind : kinds) {
                Path file = files.get(kind);
                if (!Files.exists(file)) {
                    if (kind.equals("csv")) {
                        ImportFileBenchmark.writeCsv(file, rows, ImportBenchmark::value);
                    } else {
                        ImportFileBenchmark.writeXlsx(file, rows, kind.equals("shared"), ImportBenchmark::value);
                    }
                }
            }
            System.out.printf("files.generated_seconds=%.1f s (rows=%d, %s)%n", (System.nanoTime() - start) / 1e9,
                    rows, kinds.stream().map(k -> k + "=" + (size(files.get(k)) >> 20) + " MB").toList());
            Map<String, Double> readCeiling = new HashMap<>();
            for (String kind : kinds) {
                Path file = files.get(kind);
                // twice: the second, warm, read is the ceiling
                read(kind, file);
                long t = System.nanoTime();
                long read = read(kind, file);
                double rate = read / ((System.nanoTime() - t) / 1e9);
                readCeiling.put(kind, rate);
                print("baseline.read_" + kind, rate, "rows/s");
            }
            try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(
                    EmbeddedInfrastructure.Options.throwaway())) {
                double copy = copyCeiling(infra, files.getOrDefault("csv", null), rows);
                print("baseline.copy_unique_email_login", copy, "rows/s");
                run(infra, rows, kinds, modes, files, readCeiling, copy);
            }
        } finally {
            if (kept == null) {
                for (Path p : files.values()) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    /** The files' cells: ImportFileBenchmark's, without creation notifications. */
    static String value(TemplateColumn column, int row) {
        return column == UserTemplateColumn.CREATION_NOTIFICATION ? "NO" : ImportFileBenchmark.value(column, row);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long read(String kind, Path file) throws Exception {
        return kind.equals("csv") ? ImportFileBenchmark.fastCsv(file) : ImportFileBenchmark.staxSheet(file);
    }

    /**
     * A plain COPY of the rows into a table shaped like an account table: the CSV's 22 columns, an id and the
     * workspace, UNIQUE (workspace, email) and (workspace, login). The CSV is generated when not among the kinds.
     */
    private static double copyCeiling(EmbeddedInfrastructure infra, Path csv, int rows) throws Exception {
        Path file = csv;
        boolean temporary = file == null || !Files.exists(file);
        if (temporary) {
            file = Files.createTempFile("roster-copy-bench", ".csv");
            ImportFileBenchmark.writeCsv(file, rows, ImportBenchmark::value);
        }
        String columns = String.join(", ", ImportFileBenchmark.COLUMNS.stream()
                .map(c -> c.key().toLowerCase(java.util.Locale.ROOT)).toList());
        try (Connection c = java.sql.DriverManager.getConnection(infra.springProperties().get("spring.datasource.url"),
                infra.springProperties().get("spring.datasource.username"),
                infra.springProperties().get("spring.datasource.password"))) {
            try (var s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS bench_copy");
                s.execute("DROP TABLE IF EXISTS bench_copy.account");
                s.execute("CREATE TABLE bench_copy.account (id UUID PRIMARY KEY DEFAULT gen_random_uuid(),"
                        + " workspace_id TEXT NOT NULL DEFAULT 'bench', "
                        + String.join(", ", ImportFileBenchmark.COLUMNS.stream()
                                .map(col -> col.key().toLowerCase(java.util.Locale.ROOT) + " TEXT").toList())
                        + ", UNIQUE (workspace_id, email), UNIQUE (workspace_id, login))");
            }
            long t = System.nanoTime();
            long copied;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY bench_copy.account (" + columns + ") FROM STDIN WITH (FORMAT csv, HEADER true)", in);
            }
            double rate = copied / ((System.nanoTime() - t) / 1e9);
            try (var s = c.createStatement()) {
                s.execute("DROP SCHEMA bench_copy CASCADE");
            }
            return rate;
        } finally {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void run(EmbeddedInfrastructure infra, int rows, List<String> kinds, List<String> modes,
            Map<String, Path> files, Map<String, Double> readCeiling, double copy) throws Exception {
        Map<String, Object> properties = new HashMap<>(infra.springProperties());
        properties.put("server.port", "0");
        int warmupRows = Integer.getInteger("roster.bench.warmup-rows", 0);
        // an import's warm-up imports into a workspace of its own, so that the measured one starts empty as before
        boolean importWarmUp = warmupRows > 0 && modes.contains("import");
        List<String> tenants = new ArrayList<>(kinds);
        if (importWarmUp) {
            kinds.forEach(kind -> tenants.add(warmUpTenant(kind)));
        }
        for (int i = 0; i < tenants.size(); i++) {
            properties.put("roster.invite.workspaces[" + i + "].id", workspace(tenants.get(i)));
            properties.put("roster.invite.workspaces[" + i + "].licence-count", "100000000");
            properties.put("roster.invite.workspaces[" + i + "].admin-access-key", key(tenants.get(i)));
        }
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.apache.kafka", "ERROR");
        properties.put("spring.autoconfigure.exclude", SchedulerSweepBenchmark.NOT_THE_SCHEDULER
                + ",io.roster.importer.ImportWorkerAutoConfiguration");
        try (ConfigurableApplicationContext invite = new SpringApplicationBuilder(InviteServiceApplication.class)
                .properties(properties).run();
                Worker worker = Worker.start(infra)) {
            JdbcClient db = JdbcClient.create(invite.getBean(DataSource.class));
            String base = "http://127.0.0.1:" + worker.port;
            for (String tenant : tenants) {
                awaitReady(base, tenant);
            }
            long idleSeconds = Long.getLong("roster.bench.worker-idle-seconds", 0);
            if (idleSeconds > 0) {
                // the worker left alone first: its JIT done with the start's own methods before the first figure
                System.out.println("worker_idle_before_figures=" + idleSeconds + " s");
                Thread.sleep(idleSeconds * 1000);
            }
            if (warmupRows == 0) {
                System.out.println("warmup=none (the worker warmed by a one-row dry run only: a cold JIT, as the"
                        + " earlier figures; -Droster.bench.warmup-rows=N for a warm one)");
            } else {
                System.out.println("warmup_rows=" + warmupRows + " rows");
            }
            for (String kind : kinds) {
                Path file = files.get(kind);
                if (importWarmUp) {
                    warmUpImport(base, kind, warmupRows, file, db);
                    settle(invite, worker, db);
                } else if (warmupRows > 0) {
                    warmUp(base, kind, warmupRows);
                }
                String name = file.getFileName().toString();
                if (modes.contains("dry")) {
                    worker.resetHeap();
                    worker.restartCpu();
                    StatementCosts costs = StatementCosts.ifAsked(db);
                    Job job = importFile(base, kind, file, name, "DRY_RUN");
                    costs.print(rows);
                    // the worker's CPU by thread, per row, from the upload's start to COMPLETED: the busiest thread
                    // bounds the rate on two cores when it needs more than half of the total
                    worker.printCpu("roster.dry_run_" + kind + ".cpu_worker", rows);
                    require(job.view.get("rowsValid").asLong() == rows, kind + " dry run: " + job.view);
                    String figure = "roster.dry_run_" + kind;
                    print(figure, rows / job.seconds, "rows/s");
                    print(figure + "_vs_read", rows / job.seconds / readCeiling.get(kind), "ratio");
                    job.phases.forEach((phase, s) -> print(figure + ".phase_" + phase, s, "s"));
                    worker.heap(figure);
                }
                if (modes.contains("import")) {
                    worker.resetHeap();
                    StatementCosts costs = StatementCosts.ifAsked(db);
                    CpuUse cpu = cpuUse(invite);
                    Job job = importFile(base, kind, file, name, "IMPORT", phase -> {
                        if (phase.equals("APPLYING")) {
                            cpu.restart();
                            worker.restartCpu();
                        }
                    });
                    costs.print(rows);
                    // from the first command sent to the job's end, per row: where the CPU of the applying went
                    cpu.print("roster.import_" + kind + ".cpu_applying", rows);
                    worker.printCpu("roster.import_" + kind + ".cpu_applying_worker", rows);
                    long created = job.view.get("accountsCreated").asLong();
                    long accounts = db.sql("SELECT count(*) FROM invite.account WHERE workspace_id = ?")
                            .param(workspace(kind)).query(Long.class).single();
                    require(created == rows && accounts == rows, kind + " import: " + accounts
                            + " accounts in invite-service, job " + job.view);
                    String figure = "roster.import_" + kind;
                    print(figure, rows / job.seconds, "rows/s");
                    print(figure + "_vs_copy", rows / job.seconds / copy, "ratio");
                    job.phases.forEach((phase, s) -> print(figure + ".phase_" + phase, s, "s"));
                    worker.heap(figure);
                    smallDryRunAmongAccounts(base, kind, db);
                }
            }
        }
    }

    /**
     * A dry run of an N-row file of the kind before the kind's figures, in the same worker (the modes without an
     * import).
     */
    private static void warmUp(String base, String kind, int rows) throws Exception {
        // rows past the measured file's, as before (though a dry run writes no account), in a file of the run's own
        try (WarmUpFile file = WarmUpFile.generated(kind, rows, (column, row) -> value(column, 1_200_000_000 + row))) {
            Job job = importFile(base, kind, file.path, file.path.getFileName().toString(), "DRY_RUN");
            require(job.view.get("phase").asString().equals("COMPLETED")
                    && job.view.get("rowsValid").asLong() == rows, kind + " warm-up dry run: " + job.view);
            System.out.printf("warmup_%s=%d rows (a dry run of the same kind first, in %.1f s: the figures below are"
                    + " the warm worker's)%n", kind, rows, job.seconds);
        }
    }

    /**
     * An import of an N-row file of the kind into a workspace of its own, through the same services and JVMs, until
     * COMPLETED (every account committed, every outcome back): the measured import then runs in warm JVMs, among
     * other workspaces' accounts, as a service that has been up for a while.
     */
    private static void warmUpImport(String base, String kind, int rows, Path measured, JdbcClient db)
            throws Exception {
        String tenant = warmUpTenant(kind);
        try (WarmUpFile file = WarmUpFile.keptOrGenerated(kind, rows, measured)) {
            Job job = importFile(base, tenant, file.path, file.path.getFileName().toString(), "IMPORT");
            long accounts = db.sql("SELECT count(*) FROM invite.account WHERE workspace_id = ?")
                    .param(workspace(tenant)).query(Long.class).single();
            require(job.view.get("phase").asString().equals("COMPLETED")
                    && job.view.get("accountsCreated").asLong() == rows && accounts == rows,
                    kind + " warm-up import: " + accounts + " accounts in invite-service, job " + job.view);
            print("warmup.import_" + kind, rows / job.seconds, "rows/s");
            job.phases.forEach((phase, s) -> print("warmup.import_" + kind + ".phase_" + phase, s, "s"));
        }
    }

    /** The workspace (and key) a kind's warm-up import goes to. */
    private static String warmUpTenant(String kind) {
        return "warmup" + kind;
    }

    /**
     * After the warm-up: until its tail is over (the relays' last batches, the JIT's queue, autovacuum on the tables
     * it filled) — both JVMs and PostgreSQL together below {@link #QUIET_CORES} over two seconds, no autovacuum worker
     * running — then a checkpoint, so that writing out the warm-up's pages is not the measured import's cost either.
     * The measured figures' snapshots (CPU, statements, heap) are all taken after this.
     */
    /**
     * Idle, the services' pollers (the broker's threads, the listeners, the relays) keep the two JVMs and PostgreSQL at
     * 0.1-0.2 of a core on the shared machine; the warm-up's tail at one or more.
     */
    private static final double QUIET_CORES = 0.3;

    private static void settle(ConfigurableApplicationContext invite, Worker worker, JdbcClient db)
            throws Exception {
        long start = System.nanoTime();
        CpuUse here = cpuUse(invite);
        double quiet = -1;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(180)) {
            here.restart();
            long workerBefore = worker.cpuNanos();
            Thread.sleep(2_000);
            double cores = (here.total(1) * 1e3 + worker.cpuNanos() - workerBefore) / 2e9;
            long vacuuming = db.sql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
                    + " AND state <> 'idle'").query(Long.class).single();
            if (cores < QUIET_CORES && vacuuming == 0) {
                quiet = cores;
                break;
            }
        }
        db.sql("CHECKPOINT").update();
        System.out.printf("warmup.settled_seconds=%.1f s (%s; then a CHECKPOINT)%n", (System.nanoTime() - start) / 1e9,
                quiet < 0 ? "never quiet: measured anyway" : String.format("%.2f cores busy over the last 2 s", quiet));
    }

    /**
     * A warm-up's file, never written into the kept directory (which may be shared and read-only): one generated for
     * the run and deleted after, or one already kept there.
     */
    private record WarmUpFile(Path path, boolean temporary) implements AutoCloseable {

        /**
         * The kept directory's N-row file of the kind when there is one ({@code ImportBenchmark N KIND … DIR} wrote
         * it), otherwise the same rows generated: the measured file's first N, for another workspace.
         */
        static WarmUpFile keptOrGenerated(String kind, int rows, Path measured) throws Exception {
            Path kept = measured.resolveSibling("users-" + rows + (kind.equals("csv") ? ".csv"
                    : kind.equals("inline") ? "-inline.xlsx" : "-shared.xlsx"));
            return Files.isReadable(kept) ? new WarmUpFile(kept, false)
                    : generated(kind, rows, ImportBenchmark::value);
        }

        static WarmUpFile generated(String kind, int rows, ImportFileBenchmark.Cells cells) throws Exception {
            Path file = Files.createTempFile("roster-import-warmup", kind.equals("csv") ? ".csv" : ".xlsx");
            if (kind.equals("csv")) {
                ImportFileBenchmark.writeCsv(file, rows, cells);
            } else {
                ImportFileBenchmark.writeXlsx(file, rows, kind.equals("shared"), cells);
            }
            return new WarmUpFile(file, true);
        }

        @Override
        public void close() throws IOException {
            if (temporary) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * With {@code -Droster.bench.small-dry-run-accounts=N}, after the import: the workspace's accounts in
     * import-worker's projection brought up to N (seeded rows beside the imported ones), then a 10-row dry run in it,
     * three times — the file-level checks used to stream every account of the workspace whatever the file's size.
     */
    private static void smallDryRunAmongAccounts(String base, String kind, JdbcClient db) throws Exception {
        long accounts = Long.getLong("roster.bench.small-dry-run-accounts", 0);
        if (accounts == 0) {
            return;
        }
        long known = db.sql("SELECT count(*) FROM importer.known_account WHERE workspace_id = ?")
                .param(workspace(kind)).query(Long.class).single();
        db.sql("""
                INSERT INTO importer.known_account (workspace_id, account_id, type, login, email, status)
                SELECT ?, 'seeded-' || i, 'USER', 'seeded.' || i, 'seeded' || i || '@example.com', 'ACTIVE'
                FROM generate_series(1, ?) AS i""").params(workspace(kind), Math.max(0, accounts - known)).update();
        // the licences they hold, as the projection's own writes keep them
        db.sql("""
                INSERT INTO importer.licences_used AS u (workspace_id, used) VALUES (?, ?)
                ON CONFLICT (workspace_id) DO UPDATE SET used = u.used + excluded.used""")
                .params(workspace(kind), Math.max(0, accounts - known)).update();
        db.sql("ANALYZE importer.known_account").update();
        Path ten = Files.createTempFile("roster-import-ten", ".csv");
        try {
            ImportFileBenchmark.writeCsv(ten, 10, (column, row) -> value(column, 1_500_000_000 + row));
            String figure = "roster.dry_run_10_rows_among_" + Math.max(accounts, known) + "_accounts_" + kind;
            for (int i = 1; i <= 3; i++) {
                Job job = importFile(base, kind, ten, "ten.csv", "DRY_RUN");
                require(job.view.get("rowsValid").asLong() == 10, kind + " 10-row dry run: " + job.view);
                String run = figure + "_" + i;
                print(run, job.seconds * 1000, "ms");
                job.phases.forEach((phase, s) -> print(run + ".phase_" + phase, s * 1000, "ms"));
            }
        } finally {
            Files.deleteIfExists(ten);
        }
    }

    private static CpuUse cpuUse(ConfigurableApplicationContext invite) throws Exception {
        try (Connection c = invite.getBean(DataSource.class).getConnection()) {
            return new CpuUse(inviteThreads(), c);
        }
    }

    /** The benchmark JVM's threads that serve an import: invite-service's and the broker's. */
    private static Map<String, java.util.function.Predicate<String>> inviteThreads() {
        Map<String, java.util.function.Predicate<String>> threads = new LinkedHashMap<>();
        threads.put("invite_listeners", name -> name.startsWith("invite-service.account-requests"));
        threads.put("invite_relay", name -> name.startsWith("outbox-relay") || name.contains("roster-outbox"));
        threads.put("broker", name -> name.startsWith("data-plane-kafka") || name.startsWith("kafka-")
                || name.startsWith("executor-") || name.startsWith("broker-") || name.contains("raft"));
        return threads;
    }

    /** import-worker's threads: the jobs' (reading, checking, applying) and the answers' listener. */
    private static Map<String, java.util.function.Predicate<String>> workerThreads() {
        Map<String, java.util.function.Predicate<String>> threads = new LinkedHashMap<>();
        threads.put("job_thread", name -> name.equals("import-worker"));
        threads.put("checks", name -> name.startsWith("import-checks"));
        threads.put("xlsx_inflate", name -> name.startsWith("xlsx-inflate"));
        threads.put("upload", name -> name.startsWith("http-nio"));
        threads.put("answers_listener", name -> name.startsWith("import-worker.account-events"));
        threads.put("producer", name -> name.contains("kafka-producer-network-thread"));
        return threads;
    }

    private static String workspace(String kind) {
        return "bench-" + kind;
    }

    private static String key(String kind) {
        return "rk_bench" + kind + "." + SECRET;
    }

    /**
     * Until import-worker knows the workspace's key and its facts: a one-row dry run completes (a job started before
     * the facts arrived fails with workspace_unknown).
     */
    private static void awaitReady(String base, String kind) throws Exception {
        Path one = Files.createTempFile("roster-import-ready", ".csv");
        try {
            ImportFileBenchmark.writeCsv(one, 1, (column, row) -> value(column, 1_000_000_000));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                HttpResponse<String> list = get(base + "/api/v1/workspaces/" + workspace(kind) + "/imports", kind);
                if (list.statusCode() == 200) {
                    Job job = importFile(base, kind, one, "ready.csv", "DRY_RUN");
                    if (job.view.get("phase").asString().equals("COMPLETED")
                            && job.view.get("rowsValid").asLong() == 1) {
                        return;
                    }
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("import-worker never got ready for " + workspace(kind));
        } finally {
            Files.deleteIfExists(one);
        }
    }

    private record Job(JsonNode view, double seconds, Map<String, Double> phases) {
    }

    private interface PhaseListener {
        void entered(String phase) throws Exception;
    }

    /** Uploads the file (streamed from disk) and follows the job until it ends; the time of each phase it went by. */
    private static Job importFile(String base, String kind, Path file, String name, String mode) throws Exception {
        return importFile(base, kind, file, name, mode, phase -> { });
    }

    /** As above, telling {@code onPhase} each phase the job is seen entering. */
    private static Job importFile(String base, String kind, Path file, String name, String mode,
            PhaseListener onPhase) throws Exception {
        String boundary = "roster-" + UUID.randomUUID();
        HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "/api/v1/workspaces/" + workspace(kind)
                        + "/imports?type=USERS&mode=" + mode))
                .header("Authorization", "Bearer " + key(kind))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data;"
                                + " name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream"
                                + "\r\n\r\n"),
                        HttpRequest.BodyPublishers.ofFile(file),
                        HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                .timeout(Duration.ofMinutes(10)).build();
        long start = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(upload, HttpResponse.BodyHandlers.ofString());
        require(accepted.statusCode() == 202, "upload answered " + accepted.statusCode() + ": " + accepted.body());
        String self = base + JSON.readTree(accepted.body()).get("links").get("self").asString()
                .replaceFirst("^https?://[^/]+", "");
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("UPLOAD", (System.nanoTime() - start) / 1e9);
        String phase = "UPLOAD";
        long phaseStart = System.nanoTime();
        while (true) {
            HttpResponse<String> response = get(self, kind);
            require(response.statusCode() == 200, self + " answered " + response.statusCode());
            JsonNode view = JSON.readTree(response.body());
            String now = view.get("phase").asString();
            if (!now.equals(phase)) {
                long t = System.nanoTime();
                phases.merge(phase, (t - phaseStart) / 1e9, Double::sum);
                phase = now;
                phaseStart = t;
                onPhase.entered(now);
            }
            if (now.equals("COMPLETED") || now.equals("FAILED")) {
                return new Job(view, (System.nanoTime() - start) / 1e9, phases);
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> get(String url, String kind) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key(kind))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    static void print(String name, double value, String unit) {
        System.out.printf(unit.equals("ratio") ? "%s=%.2f %s%n" : unit.equals("s") ? "%s=%.1f %s%n"
                : "%s=%,.0f %s%n", name, value, unit);
    }

    /** The import-worker in a JVM of its own at -Xmx256m, told over its standard input when to report its heap. */
    private static final class Worker implements AutoCloseable {

        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final PrintStream commands;
        private final int port;

        private Worker(Process process) throws Exception {
            this.process = process;
            this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the worker ended
                }
                lines.add("worker.exited");
            }, "import-worker-output");
            reader.setDaemon(true);
            reader.start();
            this.port = Integer.parseInt(await("worker.port=", Duration.ofMinutes(3)));
        }

        static Worker start(EmbeddedInfrastructure infra) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // as infra/compose.yaml runs it; -Droster.bench.worker-jvm-options=-XX:+UseG1GC measures G1 instead
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
            String jfr = System.getProperty("roster.bench.worker-jfr");
            if (jfr != null) {
                command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
            }
            String options = System.getProperty("roster.bench.worker-jvm-options", "").strip();
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split("\\s+")));
            }
            command.addAll(List.of("-cp", ImportFileBenchmark.classpath(), ImportBenchmark.class.getName(),
                    "--worker"));
            infra.springProperties().forEach((k, v) -> command.add("--" + k + "=" + v));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // this JVM stopped (Ctrl-C, SIGTERM) ends the worker too; a SIGKILL is the child's to notice (below)
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "import-worker-stop"));
            return new Worker(process);
        }

        /** The worker's output until a line starting with {@code prefix}; the rest of that line. */
        private String await(String prefix, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
                if (line.equals("worker.exited")) {
                    throw new IllegalStateException("import-worker exited:\n" + String.join("\n", seen));
                }
                seen.add(line);
                if (seen.size() > 200) {
                    seen.remove(0);
                }
            }
            throw new IllegalStateException("import-worker did not print " + prefix + ":\n" + String.join("\n", seen));
        }

        /** The worker process's CPU so far, every thread (nanoseconds). */
        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        void resetHeap() throws Exception {
            commands.println("reset");
            await("worker.reset", Duration.ofSeconds(30));
        }

        void restartCpu() throws Exception {
            commands.println("cpu-reset");
            await("worker.cpu-reset", Duration.ofSeconds(30));
        }

        /** The worker's CPU since {@link #restartCpu}, by thread group, per row: its lines printed here. */
        void printCpu(String figure, long rows) throws Exception {
            commands.println("cpu " + figure + " " + rows);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                if (line.equals("worker.cpu-end")) {
                    return;
                }
                if (line.startsWith(figure) || line.startsWith("#")) {
                    System.out.println(line);
                }
            }
            throw new IllegalStateException("import-worker did not report its CPU");
        }

        void heap(String figure) throws Exception {
            commands.println("heap " + figure);
            System.out.println(figure + ".peak_heap=" + await(figure + ".peak_heap=", Duration.ofSeconds(30)));
            System.out.println(figure + ".peak_heap_after_gc="
                    + await(figure + ".peak_heap_after_gc=", Duration.ofSeconds(30)));
            System.out.println(figure + ".worker_cpu=" + await(figure + ".worker_cpu=", Duration.ofSeconds(30)));
            System.out.println(figure + ".worker_gc=" + await(figure + ".worker_gc=", Duration.ofSeconds(30)));
        }

        @Override
        public void close() throws Exception {
            commands.println("exit");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /**
     * The worker ends when the benchmark's JVM does, however it ended: killed, it leaves neither a command on the
     * standard input nor always its end of file (the worker may be starting, or its shutdown may wait for the
     * embedded broker that died with the parent), so the parent process itself is watched.
     */
    private static void endWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("worker.parent-ended: the benchmark's JVM is gone, ending the import-worker");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ignored) {
                    // halted below either way
                }
                Runtime.getRuntime().halt(2);
            }, "import-worker-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(2);
        }));
    }

    /** The child: import-worker alone (none of the other services on the classpath), then the parent's commands. */
    private static void worker(String[] args) throws Exception {
        endWithParent();
        List<String> springArgs = new ArrayList<>(List.of(args).subList(1, args.length));
        springArgs.add("--server.port=0");
        springArgs.add("--logging.level.root=WARN");
        springArgs.add("--logging.level.org.apache.kafka=ERROR");
        springArgs.add("--spring.autoconfigure.exclude=" + SchedulerSweepBenchmark.NOT_THE_SCHEDULER
                + ",io.roster.invite.InviteServiceAutoConfiguration");
        ImportFileBenchmark.AfterGc afterGc = new ImportFileBenchmark.AfterGc();
        long[] since = new long[3];
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImportWorkerApplication.class)
                .properties("spring.application.name=import-worker").run(springArgs.toArray(String[]::new))) {
            System.out.println("worker.port=" + ((WebServerApplicationContext) context).getWebServer().getPort());
            CpuUse cpu = new CpuUse(workerThreads(), null).sampled(200);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
                if (line.equals("reset")) {
                    System.gc();
                    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                    afterGc.reset();
                    since[0] = processCpuNanos();
                    since[1] = gcMillis();
                    since[2] = gcCount();
                    System.out.println("worker.reset");
                } else if (line.equals("cpu-reset")) {
                    cpu.restart();
                    System.out.println("worker.cpu-reset");
                } else if (line.startsWith("cpu ")) {
                    String[] figureAndRows = line.substring(4).split(" ");
                    cpu.print(figureAndRows[0], Long.parseLong(figureAndRows[1]));
                    System.out.println("worker.cpu-end");
                } else if (line.startsWith("heap ")) {
                    String figure = line.substring(5);
                    long peak = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP) {
                            peak += pool.getPeakUsage().getUsed();
                        }
                    }
                    System.out.println(figure + ".peak_heap=" + (peak >> 20) + " MB (of -Xmx256m, garbage included)");
                    System.out.println(figure + ".peak_heap_after_gc=" + afterGc.describe());
                    // CPU rather than wall time: what the job cost the worker whatever else loads the machine
                    System.out.printf("%s.worker_cpu=%.1f s (the import-worker process since the upload began:"
                            + " every thread, GC and JIT included)%n", figure, (processCpuNanos() - since[0]) / 1e9);
                    System.out.printf("%s.worker_gc=%.2f s of pauses and concurrent cycles, %d collections%n", figure,
                            (gcMillis() - since[1]) / 1e3, gcCount() - since[2]);
                }
            }
        }
        System.exit(0);
    }
}
