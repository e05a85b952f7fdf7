package io.roster.benchmarks;

import io.roster.contracts.account.CreateUser;
import io.roster.embedded.EmbeddedInfrastructure;
import io.roster.invite.app.InviteServiceApplication;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * invite-service's REST API under a constant request rate, measured with wrk (an external HTTP load tool, which
 * must be on the PATH) on loopback: create-user and invite, each request with its own address. Baseline in the
 * same run, at the same rate on the same server: an endpoint registered only here that binds the same create-user
 * body and answers 201 without authentication or database work, so what remains is the HTTP and JSON stack. Each
 * scenario runs at the rate for a warm-up and then a measured period; latencies are free of coordinated omission
 * (see paced-load.lua). Afterwards the rows written are counted against the 2xx answers. Prints
 * {@code name=value unit} lines; any non-2xx answer, socket error or row mismatch is printed with {@code !!!} and
 * makes the exit status 2.
 *
 * <p>Arguments: rate in requests/s (default 500), measured seconds (30), warm-up seconds (10), connections (25),
 * scenarios to run (default {@code baseline,create_user,invite}; for profiling one of them), priming seconds (420:
 * with an invitation's mail flowing, the JIT compilers were still busy after 180 s).
 *
 * <p>Priming: right before it is measured, each scenario runs for the priming time at the rate in a wrk process
 * of its own, whose figures are discarded. On two cores the JIT compilers of a JVM holding the service, the broker and the
 * mail server need about two minutes of load before the code is compiled; without priming the first scenario
 * measures the compilers. A separate process, so that a backlog left by a slow start does not spill into the
 * measured schedule; right before, so that one scenario's after-effects (an invitation run's mails still being
 * sent) do not overlap another's measurement.
 */
public final class RestBenchmark {

    private static final String WORKSPACE = "bench";
    private static final String ADMIN_KEY = "rk_bench.bench-secret";
    /** How long wrk waits, after the last request is due, for the answers still outstanding. */
    private static final int GRACE_SECONDS = 15;
    private static final Pattern FIGURE = Pattern.compile("^([a-z0-9_.]+)=(\\S+) (.+)$");

    private static final String USER_BODY = """
            {"login": "user-{n}", "email": "user-{n}@bench.example", "firstName": "Bench", "lastName": "User", \
            "status": "ACTIVE", "mailLanguage": "en", "creationNotification": false, "permission": "READ_ONLY", \
            "buckets": ["reports"]}""";
    private static final String INVITE_BODY = """
            {"emails": ["invitee-{n}@bench.example"], "admin": false, "permission": "READ_WRITE", \
            "buckets": ["reports"], "mailLanguage": "en"}""";

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int measureSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        List<String> scenarios = List.of((args.length > 4 ? args[4] : "baseline,create_user,invite").split(","));
        int primeSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 420;
        Path wrk = wrkOnPath();
        Path script = Files.createTempFile("paced-load", ".lua");
        script.toFile().deleteOnExit();
        try (InputStream lua = RestBenchmark.class.getResourceAsStream("paced-load.lua")) {
            Files.copy(lua, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> problems = new ArrayList<>();
        try (EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Options.throwaway())) {
            Map<String, Object> properties = new HashMap<>(infra.springProperties());
            properties.put("server.port", "0");
            // as InviteServiceApplication's main sets it (-Dserver.tomcat.threads.max=N overrides)
            properties.put(InviteServiceApplication.REQUEST_THREADS_PROPERTY,
                    String.valueOf(InviteServiceApplication.requestThreads()));
            properties.put("roster.invite.workspaces[0].id", WORKSPACE);
            properties.put("roster.invite.workspaces[0].licence-count", "100000000");
            properties.put("roster.invite.workspaces[0].admin-access-key", ADMIN_KEY);
            properties.put("roster.invite.workspaces[0].buckets[0]", "reports");
            properties.put("logging.level.root", "WARN");
            properties.put("spring.autoconfigure.exclude", SchedulerSweepBenchmark.INVITE_SERVICE_ALONE);
            // the outbox producer outlives the broker by a moment at shutdown: its reconnect warnings are noise
            properties.put("logging.level.org.apache.kafka", "ERROR");
            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(InviteServiceApplication.class,
                    Baseline.class).properties(properties).run()) {
                int port = ((WebServerApplicationContext) service).getWebServer().getPort();
                Wrk load = new Wrk(wrk, script, "http://127.0.0.1:" + port, rate, connections, warmUpSeconds,
                        measureSeconds, run, problems);
                String api = "/api/v1/workspaces/" + WORKSPACE;
                Wrk priming = new Wrk(wrk, script, "http://127.0.0.1:" + port, rate, connections, 0, primeSeconds,
                        run + "p", new ArrayList<>());
                // scenario → figure name, path, body
                Map<String, String[]> known = Map.of(
                        "baseline", new String[] {"baseline.http_json", Baseline.PATH, USER_BODY},
                        "create_user", new String[] {"roster.create_user", api + "/accounts/users", USER_BODY},
                        "invite", new String[] {"roster.invite", api + "/invitations", INVITE_BODY});
                Map<String, Map<String, String>> results = new HashMap<>();
                for (String scenario : scenarios) {
                    String[] s = known.get(scenario);
                    if (s == null) {
                        throw new IllegalArgumentException("unknown scenario " + scenario);
                    }
                    // primed right before it is measured, so no other scenario's after-effects (its mails) overlap
                    if (primeSeconds > 0) {
                        priming.prime(s[0], s[1], s[2]);
                    }
                    results.put(scenario, load.run(s[0], s[1], s[2]));
                }
                Map<String, String> baseline = results.getOrDefault("baseline", Map.of());
                Map<String, String> users = results.getOrDefault("create_user", Map.of());
                Map<String, String> invites = results.getOrDefault("invite", Map.of());
                vsBaseline("roster.create_user", users, baseline);
                vsBaseline("roster.invite", invites, baseline);

                JdbcClient jdbc = JdbcClient.create(service.getBean(DataSource.class));
                long accounts = jdbc.sql("SELECT count(*) FROM invite.account WHERE workspace_id = ? AND login LIKE ?")
                        .params(WORKSPACE, "user-" + run + "-%").query(Long.class).single();
                long invitations = jdbc.sql("SELECT count(*) FROM invite.invitation WHERE workspace_id = ?"
                        + " AND email LIKE ?").params(WORKSPACE, "invitee-" + run + "-%").query(Long.class).single();
                checkRows("roster.create_user", "accounts", accounts, users, problems);
                checkRows("roster.invite", "invitations", invitations, invites, problems);
            }
        }
        if (!problems.isEmpty()) {
            System.out.println("!!! THIS RUN HAD ERRORS — its figures do not describe a clean run:");
            problems.forEach(p -> System.out.println("!!!   " + p));
        }
        System.exit(problems.isEmpty() ? 0 : 2);
    }

    private static Path wrkOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        System.err.println("RestBenchmark needs the HTTP load tool wrk on the PATH: install it "
                + "(Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk) and run again.");
        System.exit(1);
        throw new IllegalStateException("unreachable");
    }

    private static void vsBaseline(String name, Map<String, String> scenario, Map<String, String> baseline) {
        if (scenario.isEmpty() || baseline.isEmpty()) {
            return;
        }
        double p99 = Double.parseDouble(scenario.get(name + "_p99"));
        double base = Double.parseDouble(baseline.get("baseline.http_json_p99"));
        System.out.printf("%s_p99_vs_baseline=%.1f x%n", name, p99 / base);
    }

    /** Every 2xx answer (warm-up included) must have written exactly one row, and a non-2xx one none. */
    private static void checkRows(String name, String what, long rows, Map<String, String> scenario,
            List<String> problems) {
        if (scenario.isEmpty()) {
            return;
        }
        long ok = Long.parseLong(scenario.get(name + "_all_phases_2xx"));
        long unanswered = Long.parseLong(scenario.get(name + "_all_phases_sent")) - ok
                - Long.parseLong(scenario.get(name + "_all_phases_non_2xx"));
        System.out.printf("%s_rows_written=%d %s%n", name, rows, what);
        System.out.printf("%s_rows_match_2xx=%s%n", name, rows == ok ? "yes" : "NO");
        // requests whose answers never came (reported already) may have written their row: that is no new error
        if (rows < ok || rows > ok + unanswered) {
            String problem = "%s: %d %s written for %d 2xx answers (%d requests unanswered when wrk stopped)"
                    .formatted(name, rows, what, ok, unanswered);
            System.out.println("!!! " + problem);
            problems.add(problem);
        }
    }

    /** One wrk process per scenario: a thread per connection, each pacing its share of the rate. */
    private record Wrk(Path wrk, Path script, String url, int rate, int connections, int warmUpSeconds,
            int measureSeconds, String run, List<String> problems) {

        /** A run whose figures are discarded: it only gets the code compiled. */
        void prime(String name, String path, String bodyTemplate) throws IOException, InterruptedException {
            System.out.printf("# priming %s for %d s at %d requests/s%n", name, measureSeconds, rate);
            execute(name, path, bodyTemplate, true);
        }

        Map<String, String> run(String name, String path, String bodyTemplate) throws IOException,
                InterruptedException {
            return execute(name, path, bodyTemplate, false);
        }

        private Map<String, String> execute(String name, String path, String bodyTemplate, boolean quiet)
                throws IOException, InterruptedException {
            List<String> command = List.of(wrk.toString(), "-t", String.valueOf(connections), "-c",
                    String.valueOf(connections), "-d", (warmUpSeconds + measureSeconds + (quiet ? 2 : GRACE_SECONDS)) + "s", "--timeout", "10s",
                    "-H", "Authorization: Bearer " + ADMIN_KEY, "-H", "Content-Type: application/json",
                    "-s", script.toString(), url, "--", name, String.valueOf(rate), String.valueOf(connections),
                    String.valueOf(warmUpSeconds), String.valueOf(measureSeconds), "POST", path, bodyTemplate, run);
            long cpuBefore = processCpuNanos();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // CPU over the measured period only: the schedule starts 0.5 s after wrk (paced-load.lua)
            long[] measuredCpu = new long[4];
            long[][] measuredPauses = new long[2][];
            long[] measuredAllocation = new long[2];
            long[][] measuredMachine = new long[2][];
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            long startsIn = 500 + warmUpSeconds * 1000L;
            clock.schedule(() -> {
                measuredCpu[0] = processCpuNanos();
                measuredCpu[1] = postgresCpuTicks();
                measuredPauses[0] = gcPauses();
                measuredAllocation[0] = allocatedBytes();
                measuredMachine[0] = machineCounters();
            }, startsIn, TimeUnit.MILLISECONDS);
            clock.schedule(() -> {
                measuredCpu[2] = processCpuNanos();
                measuredCpu[3] = postgresCpuTicks();
                measuredPauses[1] = gcPauses();
                measuredAllocation[1] = allocatedBytes();
                measuredMachine[1] = machineCounters();
            }, startsIn + measureSeconds * 1000L, TimeUnit.MILLISECONDS);
            Map<String, String> figures = new LinkedHashMap<>();
            List<String> other = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher figure = FIGURE.matcher(line);
                    if (figure.matches()) {
                        figures.put(figure.group(1), figure.group(2));
                        if (!quiet) {
                            System.out.println(line);
                        }
                    } else if (quiet) {
                        continue;
                    } else if (line.startsWith("# ")) {
                        System.out.println(line);
                    } else if (line.startsWith("!!!")) {
                        System.out.println(line);
                        problems.add(line.substring(4));
                    } else {
                        other.add(line);
                    }
                }
            }
            int exit = process.waitFor();
            clock.shutdown();
            // the measured period's samples were taken on the clock's thread: wait for it, so that they are seen here
            clock.awaitTermination(10, TimeUnit.SECONDS);
            if (quiet) {
                return figures;
            }
            // the machine is shared: the 1-minute load average at the end covers most of the scenario
            long sent = Long.parseLong(figures.getOrDefault(name + "_all_phases_sent", "0"));
            if (sent > 0) {
                // this JVM runs the service and also the embedded broker and mail server; PostgreSQL is not in it
                System.out.printf("%s_jvm_cpu_per_request=%.2f ms%n", name,
                        (processCpuNanos() - cpuBefore) / 1e6 / sent);
            }
            // the requests due in the measured period that were sent (fewer than rate × seconds when it fell behind)
            long measured = Long.parseLong(figures.getOrDefault(name + "_requests", "0"));
            if (measuredCpu[2] > 0 && measured > 0) {
                System.out.printf("%s_measured_jvm_cpu_per_request=%.2f ms%n", name,
                        (measuredCpu[2] - measuredCpu[0]) / 1e6 / measured);
                if (measuredCpu[3] > 0) {
                    System.out.printf("%s_measured_postgres_cpu_per_request=%.2f ms%n", name,
                            (measuredCpu[3] - measuredCpu[1]) * 1000.0 / CLOCK_TICKS / measured);
                }
            }
            if (measuredAllocation[1] > 0 && measured > 0) {
                // what the collector has to clear away per request: the service's, broker's and mail server's
                System.out.printf("%s_measured_jvm_allocation_per_request=%.0f KB%n", name,
                        (measuredAllocation[1] - measuredAllocation[0]) / 1024.0 / measured);
            }
            if (measuredPauses[0] != null && measuredPauses[1] != null) {
                // every request that arrives during a pause waits for it: pauses show in the tail directly
                System.out.printf("%s_measured_gc_pauses=%d pauses%n", name,
                        measuredPauses[1][0] - measuredPauses[0][0]);
                System.out.printf("%s_measured_gc_pause_time=%d ms%n", name,
                        measuredPauses[1][1] - measuredPauses[0][1]);
            }
            if (measuredMachine[0] != null && measuredMachine[1] != null
                    && measuredMachine[1][2] > measuredMachine[0][2]) {
                // what the machine did beside the benchmark: time the hypervisor gave to others, and time tasks waited
                // on the disk (the kernel's pressure stall information), both over the measured period
                long all = measuredMachine[1][2] - measuredMachine[0][2];
                System.out.printf("%s_measured_machine_steal=%.1f %%%n", name,
                        100.0 * (measuredMachine[1][0] - measuredMachine[0][0]) / all);
                System.out.printf("%s_measured_machine_iowait=%.1f %%%n", name,
                        100.0 * (measuredMachine[1][1] - measuredMachine[0][1]) / all);
                if (measuredMachine[1][3] >= 0 && measuredMachine[0][3] >= 0) {
                    System.out.printf("%s_measured_io_stall=%d ms%n", name,
                            (measuredMachine[1][3] - measuredMachine[0][3]) / 1000);
                }
            }
            Path loadAverage = Path.of("/proc/loadavg");
            if (Files.isReadable(loadAverage)) {
                System.out.println(name + "_machine_load_1m=" + Files.readString(loadAverage).split(" ")[0]
                        + " runnable");
            }
            if (exit != 0 || !figures.containsKey(name + "_p99")) {
                throw new IllegalStateException("wrk failed (exit " + exit + "): " + String.join("\n", other));
            }
            return figures;
        }
    }

    /**
     * Collections and their time so far, over the collectors that pause the application (G1's young and mixed
     * collections, ZGC's and Shenandoah's pauses); the beans of concurrent cycles count work done beside it.
     */
    private static long[] gcPauses() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().contains("Cycles") || gc.getName().contains("Concurrent")) {
                continue;
            }
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** Bytes allocated so far by the threads alive now (those that ended meanwhile are missed): 0 if unsupported. */
    private static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            return 0;
        }
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    /**
     * The machine's steal, iowait and total CPU ticks ({@code /proc/stat}) and the microseconds in which some task
     * waited on I/O ({@code /proc/pressure/io}, -1 without it); null where /proc is absent.
     */
    private static long[] machineCounters() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user, nice, system, idle, iowait, irq, softirq, steal (guest time is counted in user already)
            for (int i = 1; i <= 8; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long ioStall = -1;
            Path pressure = Path.of("/proc/pressure/io");
            if (Files.isReadable(pressure)) {
                String some = Files.readAllLines(pressure).get(0);
                ioStall = Long.parseLong(some.substring(some.indexOf("total=") + 6).trim());
            }
            return new long[] {Long.parseLong(cpu[8]), Long.parseLong(cpu[5]), total, ioStall};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Linux USER_HZ, the unit of /proc/[pid]/stat times. */
    private static final int CLOCK_TICKS = 100;

    /**
     * CPU used so far by the PostgreSQL processes (the embedded server's backends and workers; the pool keeps its
     * connections open, so the sum over an interval counts what they did), in clock ticks; 0 where /proc is absent.
     */
    private static long postgresCpuTicks() {
        long ticks = 0;
        File[] processes = new File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        if (processes == null) {
            return 0;
        }
        for (File process : processes) {
            try {
                String stat = Files.readString(process.toPath().resolve("stat"));
                int nameEnd = stat.lastIndexOf(')');
                if (!stat.substring(stat.indexOf('(') + 1, nameEnd).equals("postgres")) {
                    continue;
                }
                // after the name: state is field 3, utime and stime are fields 14 and 15
                String[] fields = stat.substring(nameEnd + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException gone) {
                // the process ended meanwhile
            }
        }
        return ticks;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The baseline endpoint: the same body bound the same way, answered without authentication or database. */
    @RestController
    static class Baseline {

        static final String PATH = "/benchmark/baseline";

        @PostMapping(PATH)
        ResponseEntity<Map<String, String>> create(@RequestBody CreateUser user) {
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("login", user.login()));
        }
    }
}
