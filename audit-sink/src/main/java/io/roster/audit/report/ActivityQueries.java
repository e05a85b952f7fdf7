package io.roster.audit.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The report's reads. Newest first on (occurred_at, id), matching the index (workspace_id, occurred_at DESC,
 * id DESC): a page is an index range scan from the cursor on, whatever its depth, and the day partitions outside
 * [from, to) are pruned.
 */
@Repository
class ActivityQueries {

    private static final String COLUMNS = """
            SELECT id, event_id, occurred_at, type, action, account_id, subject, actor_kind, actor_id, client_ip,
                   request_id, summary, details::text AS details
            FROM audit.activity_log
            """;
    /** Rows an export holds at a time: the database cursor hands them over this many at once. */
    private static final int FETCH_SIZE = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate transactions;

    ActivityQueries(DataSource dataSource, TransactionTemplate transactions) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
        this.transactions = transactions;
    }

    record Row(long id, ReportEntry entry) {
    }

    /**
     * Up to {@code limit} entries after the cursor (from the newest when null), read through widening windows of the
     * range: the UTC day of the newest entry the page may hold, then the 7 days before it, then the rest. Each
     * query is planned over the day partitions of its window only: over the whole 90 days, planning the ~90
     * partitions took 25 ms of a 30 ms first page (EXPLAIN ANALYZE on 1,000,000 rows), the execution 4 ms, since
     * the scan stops at the first partition once the page is full. A workspace with few entries pays up to three
     * short queries instead of one.
     */
    List<Row> page(ReportFilter filter, Cursor after, int limit) {
        // Each window planned with its bounds (custom plans): after five executions PgJDBC prepares the statement
        // on the server, and PostgreSQL's generic plan, which cannot prune at planning, then initialised and locked
        // all ~90 partitions at every execution (18 ms a page, the one-day plan itself 0.5 ms to plan).
        return transactions.execute(status -> {
            jdbc.getJdbcTemplate().execute("SET LOCAL plan_cache_mode = force_custom_plan");
            return windows(filter, after, limit);
        });
    }

    private List<Row> windows(ReportFilter filter, Cursor after, int limit) {
        Instant top = after == null ? filter.to() : min(filter.to(), after.occurredAt().plus(1, ChronoUnit.MICROS));
        List<Row> rows = new ArrayList<>(limit);
        Instant hi = top;
        Instant lo = max(filter.from(), top.minus(1, ChronoUnit.MICROS).truncatedTo(ChronoUnit.DAYS));
        for (Duration next : WIDER) {
            if (!hi.isAfter(filter.from())) {
                break;
            }
            rows.addAll(window(filter, lo, hi, after, limit - rows.size()));
            if (rows.size() == limit) {
                break;
            }
            hi = lo;
            lo = next == null ? filter.from() : max(filter.from(), hi.minus(next));
        }
        return rows;
    }

    /** The windows after the first day: 7 days, then the rest of the range (null). */
    private static final List<Duration> WIDER = java.util.Arrays.asList(Duration.ofDays(7), null, null);

    private List<Row> window(ReportFilter filter, Instant lo, Instant hi, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder sql = new StringBuilder(COLUMNS).append(where(filter, lo, hi, params));
        if (after != null) {
            // the first condition bounds the index scan, the second breaks the tie within one instant
            sql.append(" AND occurred_at <= :afterTime AND (occurred_at < :afterTime OR id < :afterId)");
            params.addValue("afterTime", utc(after.occurredAt())).addValue("afterId", after.id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
        params.addValue("limit", limit);
        return jdbc.query(sql.toString(), params, (rs, n) -> row(rs, filter));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * Every entry of the filter, newest first, handed over one at a time as the database cursor reads them: memory
     * stays flat whatever the count. Returns how many.
     */
    long stream(ReportFilter filter, Consumer<ReportEntry> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + where(filter, filter.from(), filter.to(), params)
                + " ORDER BY occurred_at DESC, id DESC";
        long[] count = {0};
        // PostgreSQL streams a result set only inside a transaction; read-only, it holds no lock that matters
        transactions.executeWithoutResult(status -> streaming.query(sql, params, rs -> {
            sink.accept(row(rs, filter).entry());
            count[0]++;
        }));
        return count[0];
    }

    private static String where(ReportFilter f, Instant from, Instant to, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder(
                "WHERE workspace_id = :workspace AND occurred_at >= :from AND occurred_at < :to");
        params.addValue("workspace", f.workspaceId()).addValue("from", utc(from)).addValue("to", utc(to));
        if (f.actor() != null) {
            sql.append(" AND actor_id = :actor");
            params.addValue("actor", f.actor());
        }
        if (f.action() != null) {
            sql.append(" AND action = :action");
            params.addValue("action", f.action());
        }
        if (f.account() != null) {
            sql.append(" AND account_id = :account");
            params.addValue("account", f.account());
        }
        if (f.ip() != null) {
            sql.append(" AND client_ip = :ip");
            params.addValue("ip", f.ip());
        }
        if (f.text() != null) {
            sql.append(" AND summary ILIKE :text ESCAPE '\\'");
            params.addValue("text", "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + "%");
        }
        return sql.toString();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Row row(ResultSet rs, ReportFilter filter) throws SQLException {
        Instant at = rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
        ZonedDateTime local = at.atZone(filter.zone());
        return new Row(rs.getLong("id"), new ReportEntry(rs.getObject("event_id", UUID.class), at,
                local.toLocalDate(), local.toLocalTime(), filter.zone().getId(), rs.getString("type"),
                rs.getString("action"), rs.getString("account_id"), rs.getString("subject"),
                rs.getString("actor_kind"), rs.getString("actor_id"), rs.getString("client_ip"),
                rs.getString("request_id"), rs.getString("summary"), rs.getString("details")));
    }
}
