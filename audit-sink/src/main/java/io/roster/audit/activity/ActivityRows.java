package io.roster.audit.activity;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes a poll's rows in one statement: one array per column, unnested, so the SQL text is the same every time. */
@Repository
class ActivityRows {

    private static final String INSERT = """
            INSERT INTO audit.activity_log (event_id, workspace_id, occurred_at, type, action, account_id, subject,
                actor_kind, actor_id, client_ip, request_id, summary, details, invitation_id)
            SELECT e::uuid, w, o::timestamptz, t, a, acc, s, ak, ai, ip, r, su, d::jsonb, i
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 WITH ORDINALITY AS x(e, w, o, t, a, acc, s, ak, ai, ip, r, su, d, i, n)
            ORDER BY n
            ON CONFLICT (event_id, occurred_at) DO NOTHING
            RETURNING event_id""";

    private final JdbcTemplate jdbc;

    ActivityRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the rows, in their order, but those recorded already (redeliveries); returns the new ones' event ids. */
    Set<UUID> insert(List<ActivityRow> rows) {
        Set<UUID> inserted = new HashSet<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        writing();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT);
            int i = 1;
            statement.setArray(i++, column(connection, rows, r -> r.eventId().toString()));
            statement.setArray(i++, column(connection, rows, ActivityRow::workspaceId));
            statement.setArray(i++, column(connection, rows, r -> r.occurredAt().toString()));
            statement.setArray(i++, column(connection, rows, ActivityRow::type));
            statement.setArray(i++, column(connection, rows, ActivityRow::action));
            statement.setArray(i++, column(connection, rows, ActivityRow::accountId));
            statement.setArray(i++, column(connection, rows, ActivityRow::subject));
            statement.setArray(i++, column(connection, rows, ActivityRow::actorKind));
            statement.setArray(i++, column(connection, rows, ActivityRow::actorId));
            statement.setArray(i++, column(connection, rows, ActivityRow::clientIp));
            statement.setArray(i++, column(connection, rows, ActivityRow::requestId));
            statement.setArray(i++, column(connection, rows, ActivityRow::summary));
            statement.setArray(i++, column(connection, rows, ActivityRow::detailsJson));
            statement.setArray(i, column(connection, rows, ActivityRow::invitationId));
            return statement;
        }, rs -> {
            inserted.add(rs.getObject(1, UUID.class));
        });
        return inserted;
    }

    private static final String COPY = """
            COPY audit.activity_log (event_id, workspace_id, occurred_at, type, action, account_id, subject,
                actor_kind, actor_id, client_ip, request_id, summary, details, invitation_id) FROM STDIN""";

    /**
     * Writes rows none of which is recorded yet with COPY, in the caller's transaction: a quarter of the cost of the
     * INSERT above (no conflict check, no RETURNING, no arrays to unnest). A row recorded already (a redelivery)
     * makes the whole COPY fail with a unique violation ({@link org.springframework.dao.DuplicateKeyException}),
     * which leaves the transaction to roll back: the caller then writes the rows with {@link #insert}.
     */
    void copy(List<ActivityRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        CopyText text = new CopyText(rows.size() * 400);
        for (ActivityRow r : rows) {
            text.field(r.eventId().toString(), '\t')
                    .field(r.workspaceId(), '\t')
                    .field(r.occurredAt().toString(), '\t')
                    .field(r.type(), '\t')
                    .field(r.action(), '\t')
                    .field(r.accountId(), '\t')
                    .field(r.subject(), '\t')
                    .field(r.actorKind(), '\t')
                    .field(r.actorId(), '\t')
                    .field(r.clientIp(), '\t')
                    .field(r.requestId(), '\t')
                    .field(r.summary(), '\t')
                    .field(r.detailsJson(), '\t')
                    .field(r.invitationId(), '\n');
        }
        writing();
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, text.stream());
            } catch (IOException e) {
                throw new SQLException("COPY into audit.activity_log failed", e);
            }
        });
    }

    /** Before the rows take their ids: the sealer's watermark waits for this transaction (ChainLocks). */
    private void writing() {
        jdbc.queryForList(ChainLocks.WRITING);
    }

    /** PostgreSQL text refuses NUL; the rest of such a value is kept. */
    private static Array column(Connection connection, List<ActivityRow> rows, Function<ActivityRow, String> value)
            throws SQLException {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            String v = value.apply(rows.get(i));
            values[i] = v == null ? null : v.replace('\u0000', '\uFFFD');
        }
        return connection.createArrayOf("text", values);
    }
}
