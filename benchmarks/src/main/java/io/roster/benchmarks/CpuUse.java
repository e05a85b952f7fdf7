package io.roster.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time spent during a measurement, by part: the benchmark JVM's threads grouped by name, the rest of the JVM
 * (GC, JIT, the embedded broker), and the embedded PostgreSQL's processes (the postmaster and its children, read from
 * {@code /proc}). Per event, it says where the time goes even when other work shares the machine and the wall clock
 * says little: on the 2-core machine, 50,000 events/s leave 40 µs of CPU an event for everything together.
 */
final class CpuUse {

    private static final String OTHER = "other: ";

    /** Linux's clock ticks a second in {@code /proc/<pid>/stat}. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Predicate<String>> groups;
    private final long postmaster;
    /**
     * Each thread's CPU when last looked at, and its part: a thread that ended since (an XLSX's inflating thread ends
     * with its sheet) still counts with what it had used by then.
     */
    private final Map<Long, Seen> seen = new java.util.concurrent.ConcurrentHashMap<>();
    /** The JVM's own threads (JIT compilers, collector) by their Linux thread id: their CPU when last looked at. */
    private final Map<Long, Seen> jvmThreads = new java.util.concurrent.ConcurrentHashMap<>();
    private Map<String, Long> start;

    private record Seen(String part, long cpu) {
    }

    /**
     * @param groups the JVM thread groups to report, by a test of the thread's name (first match wins)
     * @param db a connection to the embedded PostgreSQL, to find its postmaster; null for a JVM without one (its
     *     report then has no {@code postgres} part)
     */
    CpuUse(Map<String, Predicate<String>> groups, Connection db) throws Exception {
        this.groups = groups;
        long pid = -1;
        if (db != null) {
            pid = postmaster(db);
        }
        this.postmaster = pid;
        this.start = now();
    }

    private static long postmaster(Connection db) throws Exception {
        long pid = -1;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT setting FROM pg_settings WHERE name = 'data_directory'")) {
            if (rs.next()) {
                Path file = Path.of(rs.getString(1), "postmaster.pid");
                if (Files.isReadable(file)) {
                    pid = Long.parseLong(Files.readAllLines(file).get(0).trim());
                }
            }
        }
        return pid;
    }

    /**
     * Looks at the threads every {@code millis} on a daemon thread of its own, so that the CPU of a thread that ends
     * between two reports is counted up to the last look rather than lost (to {@code jvm_internal}).
     */
    CpuUse sampled(long millis) {
        Thread sampler = new Thread(() -> {
            while (true) {
                observe();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpu-use-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return this;
    }

    /** Starts counting again from now. */
    void restart() {
        start = now();
    }

    /** The CPU time of all parts since the start, in µs per event. */
    double total(long events) {
        Map<String, Long> end = now();
        long total = 0;
        for (Map.Entry<String, Long> part : end.entrySet()) {
            if (!isSubtotal(part.getKey())) {
                total += part.getValue() - start.getOrDefault(part.getKey(), 0L);
            }
        }
        return total / 1e3 / events;
    }

    /**
     * The CPU time of each part since the start, in µs per event, as {@code name=value unit} lines.
     *
     * @return the total, in µs per event
     */
    double print(String prefix, long events) {
        Map<String, Long> end = now();
        long total = 0;
        long others = 0;
        Map<String, Long> other = new java.util.TreeMap<>();
        for (Map.Entry<String, Long> part : end.entrySet()) {
            long nanos = part.getValue() - start.getOrDefault(part.getKey(), 0L);
            total += isSubtotal(part.getKey()) ? 0 : nanos;
            if (part.getKey().startsWith(OTHER)) {
                others += nanos;
                other.put(part.getKey().substring(OTHER.length()), nanos);
            } else {
                System.out.printf("%s_%s=%.1f µs/event%n", prefix, part.getKey(), nanos / 1e3 / events);
            }
        }
        System.out.printf("%s_jvm_other_threads=%.1f µs/event%n", prefix, others / 1e3 / events);
        System.out.printf("%s_total=%.1f µs/event%n", prefix, total / 1e3 / events);
        System.out.println("# the other threads' share (µs/event), the costliest first:");
        other.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("#   %6.1f  %s%n", e.getValue() / 1e3 / events, e.getKey()));
        return total / 1e3 / events;
    }

    private Map<String, Long> now() {
        observe();
        Map<String, Long> parts = new LinkedHashMap<>();
        groups.keySet().forEach(name -> parts.put(name, 0L));
        long grouped = 0;
        for (Seen thread : seen.values()) {
            parts.merge(thread.part(), thread.cpu(), Long::sum);
            grouped += thread.cpu();
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        // the JVM's own threads: the JIT compilers, the garbage collector
        parts.put("jvm_internal", jvm - grouped);
        if (postmaster >= 0) {
            parts.put("postgres", postgres());
        }
        parts.put("jvm_total", jvm);
        // of jvm_internal, the JIT compilers' time (the compilers' elapsed time, as the JVM counts it)
        parts.put("jit_compilation", ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000_000);
        // of jvm_internal, the CPU of the compiler threads and of the collector's, as Linux counts it by thread
        parts.put(JIT_THREADS, 0L);
        parts.put(GC_THREADS, 0L);
        jvmThreads.values().forEach(thread -> parts.merge(thread.part(), thread.cpu(), Long::sum));
        return parts;
    }

    private static final String JIT_THREADS = "jvm_internal_jit_threads";
    private static final String GC_THREADS = "jvm_internal_gc_threads";

    /** Parts that are some of another's time (or all the JVM's), not counted again in the total. */
    private static boolean isSubtotal(String part) {
        return part.equals("jvm_total") || part.equals("jit_compilation") || part.equals(JIT_THREADS)
                || part.equals(GC_THREADS);
    }

    /**
     * The JVM's compiler and collector threads, which {@link ThreadMXBean} does not list, from
     * {@code /proc/self/task} (Linux; nothing elsewhere): "C1 CompilerThre", "C2 CompilerThre", "GC Thread#0",
     * "G1 Conc#0", "G1 Refine#0", "G1 Main Marker", "VM Thread" (which runs the collector's pauses' serial part).
     */
    private void observeNative() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                String text;
                try {
                    text = Files.readString(thread.resolve("stat"));
                } catch (IOException | RuntimeException gone) {
                    continue;
                }
                String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
                String part = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? JIT_THREADS
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")
                        ? GC_THREADS : null;
                if (part == null) {
                    continue;
                }
                List<String> stat = List.of(text.substring(text.lastIndexOf(')') + 2).trim().split(" "));
                long ticks = Long.parseLong(stat.get(11)) + Long.parseLong(stat.get(12));
                jvmThreads.put(Long.parseLong(thread.getFileName().toString()),
                        new Seen(part, (long) (ticks / TICKS_PER_SECOND * 1e9)));
            }
        } catch (IOException e) {
            // no /proc: the split is left out (zero)
        }
    }

    /** Each live thread's CPU so far, by thread id. */
    private synchronized void observe() {
        observeNative();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue; // ended meanwhile: its last look stands
            }
            String part = groups.entrySet().stream().filter(g -> g.getValue().test(info.getThreadName()))
                    .map(Map.Entry::getKey).findFirst()
                    // the other threads by name, their numbers left out: "other: data-plane-kafka-request-handler-#"
                    .orElse(OTHER + info.getThreadName().replaceAll("[0-9]+", "#"));
            seen.put(info.getThreadId(), new Seen(part, cpu));
        }
    }

    /** The postmaster's CPU, its children's, and that of the children it has reaped (nanoseconds). */
    private long postgres() {
        if (postmaster < 0) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                List<String> stat = stat(process);
                if (stat == null) {
                    continue;
                }
                // after the command's closing parenthesis: state, ppid, …; utime and stime are fields 14 and 15
                long pid = Long.parseLong(process.getFileName().toString());
                long parent = Long.parseLong(stat.get(1));
                if (pid == postmaster) {
                    ticks += Long.parseLong(stat.get(11)) + Long.parseLong(stat.get(12))
                            + Long.parseLong(stat.get(13)) + Long.parseLong(stat.get(14));
                } else if (parent == postmaster) {
                    ticks += Long.parseLong(stat.get(11)) + Long.parseLong(stat.get(12));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return (long) (ticks / TICKS_PER_SECOND * 1e9);
    }

    /** The fields of /proc/PID/stat after the command name; null if the process is gone. */
    private static List<String> stat(Path process) {
        try {
            String text = Files.readString(process.resolve("stat"));
            return List.of(text.substring(text.lastIndexOf(')') + 2).trim().split(" "));
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
