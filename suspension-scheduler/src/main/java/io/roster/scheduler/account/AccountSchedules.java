package io.roster.scheduler.account;

import io.roster.contracts.account.ExpirationMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code scheduler.account_schedule}: one row per account ever heard of. */
@Component
class AccountSchedules {

    private final JdbcClient jdbc;

    AccountSchedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's row, locked until the transaction ends: its events are applied one at a time. */
    Optional<AccountSchedule> lock(String workspaceId, String accountId) {
        return jdbc.sql("""
                SELECT status, suspension_at, expiration_mode, prevent_automatic_suspension, version
                FROM scheduler.account_schedule WHERE workspace_id = ? AND account_id = ? FOR UPDATE""")
                .params(workspaceId, accountId)
                .query((rs, n) -> new AccountSchedule(KnownStatus.valueOf(rs.getString(1)),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        ExpirationMode.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getTimestamp(5).toInstant()))
                .optional();
    }

    void save(String workspaceId, String accountId, AccountSchedule account) {
        jdbc.sql("""
                INSERT INTO scheduler.account_schedule (workspace_id, account_id, status, suspension_at,
                    expiration_mode, prevent_automatic_suspension, version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, account_id) DO UPDATE SET status = excluded.status,
                    suspension_at = excluded.suspension_at, expiration_mode = excluded.expiration_mode,
                    prevent_automatic_suspension = excluded.prevent_automatic_suspension, version = excluded.version""")
                .params(workspaceId, accountId, account.status().name(), timestamp(account.suspensionAt()),
                        account.expirationMode().name(), account.preventAutomaticSuspension(),
                        Timestamp.from(account.version()))
                .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
