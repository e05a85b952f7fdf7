package io.roster.audit.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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

    /** Up to {@code limit} entries after the cursor (from the newest when null). */
    List<Row> page(ReportFilter filter, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder sql = new StringBuilder(COLUMNS).append(where(filter, params));
        if (after != null) {
            // the first condition bounds the index scan, the second breaks the tie within one instant
            sql.append(" AND occurred_at <= :afterTime AND (occurred_at < :afterTime OR id < :afterId)");
            params.addValue("afterTime", utc(after.occurredAt())).addValue("afterId", after.id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
        params.addValue("limit", limit);
        return jdbc.query(sql.toString(), params, (rs, n) -> row(rs, filter));
    }

    /**
     * Every entry of the filter, newest first, handed over one at a time as the database cursor reads them: memory
     * stays flat whatever the count. Returns how many.
     */
    long stream(ReportFilter filter, Consumer<ReportEntry> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + where(filter, params) + " ORDER BY occurred_at DESC, id DESC";
        long[] count = {0};
        // PostgreSQL streams a result set only inside a transaction; read-only, it holds no lock that matters
        transactions.executeWithoutResult(status -> streaming.query(sql, params, rs -> {
            sink.accept(row(rs, filter).entry());
            count[0]++;
        }));
        return count[0];
    }

    private static String where(ReportFilter f, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder(
                "WHERE workspace_id = :workspace AND occurred_at >= :from AND occurred_at < :to");
        params.addValue("workspace", f.workspaceId()).addValue("from", utc(f.from())).addValue("to", utc(f.to()));
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
