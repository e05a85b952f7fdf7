package io.roster.audit.activity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        StringBuilder text = new StringBuilder(rows.size() * 512);
        for (ActivityRow r : rows) {
            field(text, r.eventId().toString(), '\t');
            field(text, r.workspaceId(), '\t');
            field(text, r.occurredAt().toString(), '\t');
            field(text, r.type(), '\t');
            field(text, r.action(), '\t');
            field(text, r.accountId(), '\t');
            field(text, r.subject(), '\t');
            field(text, r.actorKind(), '\t');
            field(text, r.actorId(), '\t');
            field(text, r.clientIp(), '\t');
            field(text, r.requestId(), '\t');
            field(text, r.summary(), '\t');
            field(text, r.detailsJson(), '\t');
            field(text, r.invitationId(), '\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        writing();
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY,
                        new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new SQLException("COPY into audit.activity_log failed", e);
            }
        });
    }

    /** Before the rows take their ids: the sealer's watermark waits for this transaction (ChainLocks). */
    private void writing() {
        jdbc.queryForList(ChainLocks.WRITING);
    }

    /** A value in COPY's text format: backslash escapes, {@code \N} for null, NUL refused by PostgreSQL replaced. */
    private static void field(StringBuilder text, String value, char end) {
        if (value == null) {
            text.append("\\N");
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\u0000' -> text.append('\uFFFD');
                    default -> text.append(c);
                }
            }
        }
        text.append(end);
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
