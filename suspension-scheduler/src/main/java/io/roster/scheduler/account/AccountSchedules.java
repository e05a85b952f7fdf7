package io.roster.scheduler.account;

import io.roster.contracts.account.ExpirationMode;
import java.sql.ResultSet;
import java.sql.SQLException;
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
                SELECT status, suspension_at, expiration_mode, prevent_automatic_suspension, version, active_since,
                    suspended_since, last_sign_in_at
                FROM scheduler.account_schedule WHERE workspace_id = ? AND account_id = ? FOR UPDATE""")
                .params(workspaceId, accountId)
                .query(AccountSchedules::map)
                .optional();
    }

    /**
     * The account's row locked, made first if the account is unknown yet (a sign-in may come before the account's
     * creation event, which travels on another topic).
     */
    AccountSchedule lockOrCreate(String workspaceId, String accountId) {
        return lock(workspaceId, accountId).orElseGet(() -> {
            AccountSchedule unknown = AccountSchedule.unknown();
            jdbc.sql("""
                    INSERT INTO scheduler.account_schedule (workspace_id, account_id, status, expiration_mode,
                        prevent_automatic_suspension, version)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, account_id) DO NOTHING""")
                    .params(workspaceId, accountId, unknown.status().name(), unknown.expirationMode().name(),
                            unknown.preventAutomaticSuspension(), Timestamp.from(unknown.version()))
                    .update();
            return lock(workspaceId, accountId).orElseThrow();
        });
    }

    void save(String workspaceId, String accountId, AccountSchedule account) {
        jdbc.sql("""
                INSERT INTO scheduler.account_schedule (workspace_id, account_id, status, suspension_at,
                    expiration_mode, prevent_automatic_suspension, version, active_since, suspended_since,
                    last_sign_in_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, account_id) DO UPDATE SET status = excluded.status,
                    suspension_at = excluded.suspension_at, expiration_mode = excluded.expiration_mode,
                    prevent_automatic_suspension = excluded.prevent_automatic_suspension, version = excluded.version,
                    active_since = excluded.active_since, suspended_since = excluded.suspended_since,
                    last_sign_in_at = excluded.last_sign_in_at""")
                .params(workspaceId, accountId, account.status().name(), timestamp(account.suspensionAt()),
                        account.expirationMode().name(), account.preventAutomaticSuspension(),
                        Timestamp.from(account.version()), timestamp(account.activeSince()),
                        timestamp(account.suspendedSince()), timestamp(account.lastSignInAt()))
                .update();
    }

    private static AccountSchedule map(ResultSet rs, int row) throws SQLException {
        return new AccountSchedule(KnownStatus.valueOf(rs.getString(1)), instant(rs.getTimestamp(2)),
                ExpirationMode.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getTimestamp(5).toInstant(),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
