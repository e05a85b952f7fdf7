package io.roster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/**
 * The standalone jar as {@code ./roster start} runs it, with its embedded servers, stopped the way a service manager
 * (or {@code kill}) stops it: SIGTERM after some work. The stop logs no error and no stack trace, and the embedded
 * servers go last. The start announces itself in one line with the URLs, and PostgreSQL runs in a process group of
 * its own, so a terminal's Ctrl-C reaches the JVM only, which then stops it in order.
 */
class StandaloneStopIT {

    private static final Pattern READY = Pattern.compile(
            "Roster is ready: API http://localhost:(\\d+)/api/v1, OpenAPI http://localhost:\\1/v3/api-docs, "
                    + "Swagger UI http://localhost:\\1/swagger-ui.html, Actuator http://localhost:\\1/actuator, "
                    + "Kafka (127\\.0\\.0\\.1:\\d+), IMAP imap://localhost:\\d+ \\(any password\\)");
    /** A log line at ERROR level, or a stack trace line. */
    private static final Pattern TROUBLE = Pattern.compile("^\\S+\\s+ERROR\\s.*|^\\s+at \\S+\\(.*\\)$|^Caused by: .*");

    @TempDir
    Path work;

    @Test
    void aStopAfterWorkLogsNoErrorAndStopsTheEmbeddedServersLast() throws Exception {
        Path jar = Path.of("target", "roster-standalone.jar");
        assertThat(jar).as("the jar is packaged before the integration tests run").exists();
        Path output = work.resolve("roster.log");
        Path dataDir = work.resolve("data");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // a process group of its own, as a terminal gives a foreground job
        }
        // JAVA_OPTS as ./roster start passes them: the client compiler only and one GC thread, as the start-up (a
        // cold JVM, 20-30 s of the test on a busy machine) is compile and class-loading work that C2 and parallel GC
        // threads only slow on two shared cores; the stop and its order are the same code either way
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--roster.standalone.data-dir=" + dataDir, "--server.port=0", "--roster.standalone.kafka-port=0",
                "--roster.standalone.postgres-port=0", "--roster.standalone.smtp-port=0",
                "--roster.standalone.imap-port=0"));
        Process roster = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long postmaster;
        int startLog;
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(roster.isAlive()).as("Roster is running:%n%s", read(output)).isTrue();
                return READY.matcher(read(output)).find();
            });
            Matcher ready = READY.matcher(read(output));
            assertThat(ready.find()).isTrue();
            int port = Integer.parseInt(ready.group(1));
            String bootstrap = ready.group(2);
            assertThat(read(output)).as("one ready line").containsOnlyOnce("Roster is ready: ");

            postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0));
            if (command.get(0).endsWith("setsid") && Files.exists(Path.of("/proc/self/stat"))) {
                assertThat(processGroup(postmaster)).as("PostgreSQL's process group").isNotEqualTo(roster.pid());
            }

            // some work for the listeners, outbox relays, the mail sender and audit-sink
            assertThat(PublishCommand.run(new String[] {"--bootstrap-servers=" + bootstrap,
                    Path.of("..", "samples", "create-user.json").toString()})).isZero();
            RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                    .defaultHeader("Authorization", "Bearer rk_demo.roster-demo-secret").build();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.get()
                    .uri("/api/v1/workspaces/acme/activity?activity=ACCOUNT_CREATED").retrieve()
                    .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).size() == 1);

            startLog = read(output).length();
            roster.destroy(); // SIGTERM
            assertThat(roster.waitFor(2, TimeUnit.MINUTES)).as("stopped").isTrue();
        } finally {
            roster.destroyForcibly();
        }
        String log = read(output);
        // the stop's lines only: a starved machine can make the embedded broker log errors while it starts
        String stop = log.substring(startLog);
        assertThat(stop.lines().filter(line -> TROUBLE.matcher(line).matches()).toList()).as(log).isEmpty();
        assertThat(stop).doesNotContain("terminating connection due to administrator command");
        // in order: the services' connection pool first, the embedded servers last
        assertThat(log.indexOf("Embedded infrastructure stopped")).as(log)
                .isGreaterThan(log.indexOf("HikariPool-1 - Shutdown completed")).isPositive();
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped").doesNotExist();
        // gone once its parent (init: pg_ctl detached it) has reaped it
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive).isEmpty());
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The process group of a process, from /proc (field 5 of its stat, after the parenthesised name). */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }
}
