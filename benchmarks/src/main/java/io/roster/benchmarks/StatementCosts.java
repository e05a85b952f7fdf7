package io.roster.benchmarks;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What each SQL statement cost PostgreSQL during a measurement, from {@code pg_stat_statements}: with
 * {@code -Droster.embedded.pg-stat-statements=true} (the embedded server loads the extension) the counters are reset
 * when the measurement starts and the costliest statements printed after it, per request measured, with the server's
 * WAL (full-page images included) and the checkpoints that fell meanwhile. Planning times are counted when the server
 * runs with {@code pg_stat_statements.track_planning=on} (through {@code -Droster.embedded.pg-settings}). Does nothing
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
        jdbc.sql("SELECT pg_stat_reset_shared('wal'), pg_stat_reset_shared('checkpointer')").query().listOfRows();
        return new StatementCosts(jdbc);
    }

    /** The twelve costliest statements since the reset: total and per-request time, calls, rows, WAL, planning. */
    void print(int requests) {
        if (jdbc == null) {
            return;
        }
        System.out.println("pg_stat_statements since the measurement began (total ms, µs per request, calls, rows,"
                + " WAL bytes per request, planning µs per request, statement):");
        jdbc.sql("""
                SELECT total_exec_time, calls, rows, wal_bytes, regexp_replace(query, '\\s+', ' ', 'g'), total_plan_time
                FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 12""")
                .query(rs -> {
                    System.out.printf("  %9.0f ms %7.1f µs %8d calls %9d rows %7.0f B %6.1f µs planning  %s%n",
                            rs.getDouble(1), 1000 * rs.getDouble(1) / requests, rs.getLong(2), rs.getLong(3),
                            rs.getDouble(4) / requests, 1000 * rs.getDouble(6) / requests, truncate(rs.getString(5)));
                });
        // Full-page images: the first change of a page after a checkpoint logs the whole page again.
        jdbc.sql("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal").query(rs -> {
            System.out.printf("postgres.wal_records=%.1f records/request%n", rs.getDouble(1) / requests);
            System.out.printf("postgres.wal_full_page_images=%.2f images/request%n", rs.getDouble(2) / requests);
            System.out.printf("postgres.wal_bytes=%.0f B/request%n", rs.getDouble(3) / requests);
        });
        jdbc.sql("SELECT num_timed, num_requested FROM pg_stat_checkpointer").query(rs -> {
            System.out.printf("postgres.checkpoints_timed=%d checkpoints%n", rs.getLong(1));
            System.out.printf("postgres.checkpoints_requested=%d checkpoints%n", rs.getLong(2));
        });
    }

    private static String truncate(String query) {
        return query.length() <= 160 ? query : query.substring(0, 160) + "…";
    }
}
