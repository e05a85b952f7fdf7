package io.roster.benchmarks;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What each SQL statement cost PostgreSQL during a measurement, from {@code pg_stat_statements}: with
 * {@code -Droster.embedded.pg-stat-statements=true} (the embedded server loads the extension) the counters are reset
 * when the measurement starts and the costliest statements printed after it, per request measured. Does nothing
 * otherwise.
 */
final class StatementCosts {

    private final JdbcClient jdbc;

    private StatementCosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static StatementCosts ifAsked(JdbcClient jdbc) {
        if (!Boolean.getBoolean(io.roster.embedded.EmbeddedDatabase.STAT_STATEMENTS_PROPERTY)) {
            return new StatementCosts(null);
        }
        jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
        jdbc.sql("SELECT pg_stat_statements_reset()").query().listOfRows();
        return new StatementCosts(jdbc);
    }

    /** The ten costliest statements since the reset: total and per-request time, calls, rows, WAL. */
    void print(int requests) {
        if (jdbc == null) {
            return;
        }
        System.out.println("pg_stat_statements since the measurement began (total ms, µs per request, calls, rows,"
                + " WAL bytes per request, statement):");
        jdbc.sql("""
                SELECT total_exec_time, calls, rows, wal_bytes, regexp_replace(query, '\\s+', ' ', 'g')
                FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10""")
                .query(rs -> {
                    System.out.printf("  %9.0f ms %7.1f µs %8d calls %9d rows %7.0f B  %s%n", rs.getDouble(1),
                            1000 * rs.getDouble(1) / requests, rs.getLong(2), rs.getLong(3),
                            rs.getDouble(4) / requests, truncate(rs.getString(5)));
                });
    }

    private static String truncate(String query) {
        return query.length() <= 160 ? query : query.substring(0, 160) + "…";
    }
}
