package io.roster.invite.account;

import io.roster.contracts.InstantText;
import io.roster.contracts.account.AccountStatus;
import io.roster.contracts.account.AccountType;
import io.roster.contracts.account.ExpirationMode;
import io.roster.contracts.account.MailLanguage;
import io.roster.contracts.account.Permission;
import io.roster.contracts.account.StorageQuota;
import io.roster.contracts.account.TwoFactorMode;
import io.roster.contracts.account.ValidatedAccount;
import io.roster.contracts.account.VisibilityScope;
import io.roster.messaging.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

    /**
     * Time-ordered (version 7): a new account's id sorts after the ones before it, so its primary key entry lands on
     * the index's last page instead of a random one (which, at thousands of inserts a second, meant a page read and
     * written for nearly every row).
     */
    private static final com.fasterxml.uuid.impl.TimeBasedEpochGenerator IDS =
            com.fasterxml.uuid.Generators.timeBasedEpochGenerator();

    private final JdbcClient jdbc;
    private final JdbcOperations connections;

    /** A new account id. */
    static UUID newId() {
        return IDS.generate();
    }

    AccountRepository(JdbcClient jdbc, JdbcOperations connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    /** An account to insert with others: its id is chosen by the caller, so events can name it first. */
    record NewAccount(UUID id, String workspaceId, ValidatedAccount account, UUID ownerId) {
    }

    /**
     * Writes many accounts by one binary COPY ({@link AccountColumns#COPY}), then the rows of {@code with} (their
     * events, request log entries, mails) by a COPY each, in the caller's transaction:
     * a round trip more per table than {@link #insertAllReturning}'s one statement, and nothing for PostgreSQL to parse or
     * unnest — what a Kafka run of creations writes. A login or e-mail taken meanwhile by a concurrent transaction
     * fails the COPY on its unique index, as it fails the INSERT.
     */
    void copyAll(List<NewAccount> rows, List<Outbox.Copy> with) {
        if (!rows.isEmpty()) {
            AccountColumns.copyRows(rows).copyInto(connections, AccountColumns.COPY);
        }
        for (Outbox.Copy copy : with) {
            copy.run(connections);
        }
    }

    /**
     * Inserts many accounts in one statement, returning them as written, with the inserts of {@code with} (their
     * events, mails, request log entries) as data-modifying {@code WITH} clauses of it: one round trip for everything
     * an HTTP request's creation writes. The rows travel as one typed array per column ({@link AccountColumns}),
     * which PostgreSQL unnests into rows.
     */
    List<Account> insertAllReturning(List<NewAccount> rows, List<Outbox.Insert> with) {
        return statement(rows, with, " RETURNING *").query(AccountRepository::map).list();
    }

    private JdbcClient.StatementSpec statement(List<NewAccount> rows, List<Outbox.Insert> with, String returning) {
        StringBuilder prefix = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < with.size(); i++) {
            prefix.append(i == 0 ? "WITH " : ", ").append("w").append(i).append(" AS (").append(with.get(i).sql())
                    .append(")");
            params.addAll(with.get(i).params());
        }
        params.addAll(AccountColumns.of(rows));
        return jdbc.sql(prefix + (with.isEmpty() ? "" : " ") + AccountColumns.INSERT + returning).params(params);
    }

    /** Lower-cased logins and emails in use. */
    record Taken(Set<String> logins, Set<String> emails) {
    }

    /** Which of the given logins and emails (lower-cased) a workspace already uses: duplicates for a whole batch. */
    Taken taken(String workspaceId, Collection<String> logins, Collection<String> emails) {
        Taken taken = new Taken(new HashSet<>(), new HashSet<>());
        // One probe of a unique index per name, whatever the statistics say: a workspace growing by thousands of
        // accounts a second outruns autovacuum's ANALYZE, and with the stale counts a join (or "= ANY(array)") was
        // planned as a scan of the whole workspace — 60 ms per batch at 60,000 accounts instead of 2.
        // Each array behind a sub-select: the planner then estimates it alike with and without its value, so
        // PostgreSQL keeps one generic plan (the same probes) instead of planning every call, which cost 0.12 ms,
        // ten times the execution (PostgreSQL's default plan_cache_mode).
        jdbc.sql("SELECT x.l, x.e FROM unnest((SELECT ?::text[])) AS k(v) CROSS JOIN LATERAL (SELECT lower(a.login)"
                        + " AS l, lower(a.email) AS e FROM invite.account a WHERE a.workspace_id = ?"
                        + " AND lower(a.login) = k.v LIMIT 1) x"
                        + " UNION ALL SELECT x.l, x.e FROM unnest((SELECT ?::text[])) AS k(v) CROSS JOIN LATERAL (SELECT"
                        + " lower(a.login) AS l, lower(a.email) AS e FROM invite.account a WHERE a.workspace_id = ?"
                        + " AND lower(a.email) = k.v LIMIT 1) x")
                .params(logins.toArray(String[]::new), workspaceId, emails.toArray(String[]::new), workspaceId)
                .query(rs -> {
                    if (rs.getString(1) != null) {
                        taken.logins().add(rs.getString(1));
                    }
                    taken.emails().add(rs.getString(2));
                });
        return taken;
    }

    /** An account a set-wise transition changed: its workspace, type and the status it had. */
    record Changed(String workspaceId, AccountType type, AccountStatus from) {
    }

    /** An account as it is, locked, with the facts a command's premise is checked against. */
    record Current(String workspaceId, AccountType type, AccountStatus status, Instant lastSignInAt,
            Instant statusSince, Instant suspensionAt) {

        Premise.Facts facts() {
            return new Premise.Facts(status, lastSignInAt, statusSince, suspensionAt);
        }

        Current withStatus(AccountStatus newStatus, Instant since) {
            return new Current(workspaceId, type, newStatus, lastSignInAt, since, suspensionAt);
        }
    }

    /** An account a set-wise transition is asked for: the workspace it must be in, and the command's premise. */
    record Wanted(String workspaceId, Premise premise) {
    }

    /**
     * The premise of each wanted row ({@code k}) in SQL, as {@link Premise#refusal} says it: a row whose premise no
     * longer holds is not changed, and is refused with the reason after.
     */
    private static final String PREMISE_HOLDS = """
            (k.st IS NULL OR %1$s.status = k.st)
            AND (k.signed IS NULL OR %1$s.last_sign_in_at IS NULL OR %1$s.last_sign_in_at <= k.signed)
            AND (k.since IS NULL OR %1$s.status_since IS NULL OR %1$s.status_since <= k.since)
            AND (k.date IS NULL OR %1$s.suspension_at = k.date)""";

    /** The wanted rows, in id order: ids, workspaces and premises as parallel arrays. */
    private static final String WANTED = """
            (SELECT k.id::uuid AS id, k.w, k.st, k.signed::timestamptz AS signed, k.since::timestamptz AS since,
                k.date::timestamptz AS date
             FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS k(id, w, st, signed, since, date) ORDER BY 1) AS k""";

    /**
     * Moves every wanted account (id → the workspace it must be in, and the premise it must still fit) whose
     * (type, status) is one of {@code allowed} to {@code target}, in one statement; its status began {@code at}.
     * Returns the ones changed with the status they had. The rows are changed in id order (two concurrent runs never
     * wait on each other in a cycle), one primary-key probe per id whatever the statistics say, and a row changed
     * concurrently (a sign-in, say) is checked again as it is now (PostgreSQL re-evaluates the condition on the row's
     * latest version).
     */
    Map<UUID, Changed> transitionAll(Map<UUID, Wanted> wanted, AccountStatus target,
            List<Map.Entry<AccountType, AccountStatus>> allowed, Instant at) {
        Map<AccountType, AccountStatus> onlyFrom = new java.util.EnumMap<>(AccountType.class);
        boolean oneFromPerType = allowed.stream()
                .allMatch(e -> onlyFrom.putIfAbsent(e.getKey(), e.getValue()) == null);
        int n = wanted.size();
        String[] ids = new String[n];
        String[] workspaceIds = new String[n];
        String[] premiseStatus = new String[n];
        String[] signedInBy = new String[n];
        String[] statusSinceBy = new String[n];
        String[] date = new String[n];
        int i = 0;
        for (Map.Entry<UUID, Wanted> e : wanted.entrySet()) {
            Premise premise = e.getValue().premise();
            ids[i] = e.getKey().toString();
            workspaceIds[i] = e.getValue().workspaceId();
            premiseStatus[i] = premise.status() == null ? null : premise.status().name();
            signedInBy[i] = text(premise.signedInBy());
            statusSinceBy[i] = text(premise.statusSinceBy());
            date[i] = text(premise.suspensionAt());
            i++;
        }
        String[] types = allowed.stream().map(e -> e.getKey().name()).toArray(String[]::new);
        String[] statuses = allowed.stream().map(e -> e.getValue().name()).toArray(String[]::new);
        Map<UUID, Changed> changed = new HashMap<>();
        if (oneFromPerType) {
            // Suspend and reactivate: the status an account had follows from its type, so a plain UPDATE says it —
            // no row lock taken before the change (one WAL record and buffer visit less per account).
            jdbc.sql("UPDATE invite.account a SET status = ?, status_since = ?, updated_at = now() FROM " + WANTED
                            + " WHERE a.id = k.id AND a.workspace_id = k.w"
                            + " AND (a.type, a.status) IN (SELECT * FROM unnest(?::text[], ?::text[])) AND "
                            + PREMISE_HOLDS.formatted("a") + " RETURNING a.id, a.workspace_id, a.type")
                    .params(target.name(), Timestamp.from(at), ids, workspaceIds, premiseStatus, signedInBy,
                            statusSinceBy, date, types, statuses)
                    .query(rs -> {
                        AccountType type = AccountType.valueOf(rs.getString(3));
                        changed.put(rs.getObject(1, UUID.class), new Changed(rs.getString(2), type,
                                onlyFrom.get(type)));
                    });
            return changed;
        }
        // Close: from ACTIVE or INACTIVE. An UPDATE returns only the new row, so the old status is read by locking the
        // row first (the lock makes the status read the one replaced).
        jdbc.sql("UPDATE invite.account a SET status = ?, status_since = ?, updated_at = now() FROM " + WANTED
                        + " CROSS JOIN LATERAL (SELECT y.id, y.status FROM invite.account y"
                        + " WHERE y.id = k.id AND y.workspace_id = k.w"
                        + " AND (y.type, y.status) IN (SELECT * FROM unnest(?::text[], ?::text[])) AND "
                        + PREMISE_HOLDS.formatted("y") + " FOR UPDATE) AS old"
                        + " WHERE a.id = old.id RETURNING a.id, a.workspace_id, a.type, old.status")
                .params(target.name(), Timestamp.from(at), ids, workspaceIds, premiseStatus, signedInBy,
                        statusSinceBy, date, types, statuses)
                .query(rs -> {
                    changed.put(rs.getObject(1, UUID.class), new Changed(rs.getString(2),
                            AccountType.valueOf(rs.getString(3)), AccountStatus.valueOf(rs.getString(4))));
                });
        return changed;
    }

    private static String text(Instant at) {
        return at == null ? null : InstantText.format(at);
    }

    /** The accounts of these ids, whatever their workspace, locked until the transaction ends. */
    Map<UUID, Current> lockAll(Collection<UUID> ids) {
        Map<UUID, Current> found = new HashMap<>();
        jdbc.sql("SELECT id, workspace_id, type, status, last_sign_in_at, status_since, suspension_at"
                        + " FROM invite.account WHERE id = ANY(?::text[]::uuid[]) ORDER BY id FOR UPDATE")
                .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getObject(1, UUID.class), new Current(rs.getString(2),
                            AccountType.valueOf(rs.getString(3)), AccountStatus.valueOf(rs.getString(4)),
                            instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))));
                });
        return found;
    }

    /**
     * Runs several data-modifying statements as one: all but the last as {@code WITH} clauses of the last. One round
     * trip for what a run of commands writes beside its main change (events, request log, sessions).
     */
    void writeAll(List<Outbox.Insert> statements) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < statements.size() - 1; i++) {
            sql.append(i == 0 ? "WITH " : ", ").append("w").append(i).append(" AS (")
                    .append(statements.get(i).sql()).append(")");
            params.addAll(statements.get(i).params());
        }
        Outbox.Insert last = statements.get(statements.size() - 1);
        sql.append(sql.isEmpty() ? "" : " ").append(last.sql());
        params.addAll(last.params());
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** The account, locked until the transaction ends: commands on one account apply one at a time. */
    Optional<Account> lock(String workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM invite.account WHERE workspace_id = ? AND id = ? FOR UPDATE")
                .params(workspaceId, id).query(AccountRepository::map).optional();
    }

    /** {@link #lock} by an id as a command carries it: empty when it is no account id at all. */
    Optional<Account> lock(String workspaceId, String accountId) {
        try {
            return lock(workspaceId, UUID.fromString(accountId));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The account's status is {@code status} since {@code at}. */
    void updateStatus(UUID id, AccountStatus status, Instant at) {
        jdbc.sql("UPDATE invite.account SET status = ?, status_since = ?, updated_at = now() WHERE id = ?")
                .params(status.name(), Timestamp.from(at), id).update();
    }

    /** The facts of a locked account that a command's premise is checked against. */
    Premise.Facts premiseFacts(UUID id) {
        return jdbc.sql("SELECT status, last_sign_in_at, status_since, suspension_at FROM invite.account WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Premise.Facts(AccountStatus.valueOf(rs.getString(1)),
                        instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4))))
                .single();
    }

    long contactsOwnedBy(UUID id) {
        return jdbc.sql("SELECT count(*) FROM invite.account WHERE owner_id = ?").param(id).query(Long.class)
                .single();
    }

    public void setPassword(UUID id, String passwordHash) {
        jdbc.sql("UPDATE invite.account SET password_hash = ?, updated_at = now() WHERE id = ?")
                .params(passwordHash, id).update();
    }

    /** Erases the account row and with it every personal field. */
    void delete(UUID id) {
        jdbc.sql("DELETE FROM invite.account WHERE id = ?").param(id).update();
    }

    /** Rewrites every editable field from a validated account (type, login, owner and status stay). */
    void update(UUID id, ValidatedAccount a) {
        jdbc.sql("""
                UPDATE invite.account SET email = ?, first_name = ?, last_name = ?, mail_language = ?,
                    share_space_max = ?, share_space_max_bytes = ?, save_space_max = ?, save_space_max_bytes = ?,
                    visibility_scope = ?, modification_prevention = ?, company = ?, company_department = ?,
                    function = ?, tfa = ?, city = ?, address = ?, zipcode = ?, country = ?, phone = ?, biography = ?,
                    suspension_at = ?, expiration_mode = ?, restricted_rights = ?, prevent_automatic_suspension = ?,
                    admin = ?, permission = ?, buckets = ?, idle_timeout_minutes = ?, updated_at = now()
                WHERE id = ?""")
                .params(a.email(), a.firstName(), a.lastName(), a.mailLanguage().code(), text(a.shareSpaceMax()),
                        bytes(a.shareSpaceMax()), text(a.saveSpaceMax()), bytes(a.saveSpaceMax()),
                        a.visibilityScope().name(), a.modificationPrevention(), a.company(), a.companyDepartment(),
                        a.function(), a.tfa().name(), a.city(), a.address(), a.zipcode(), a.country(), a.phone(),
                        a.biography(), a.suspensionAt() == null ? null : Timestamp.from(a.suspensionAt()),
                        a.expirationMode().name(), a.restrictedRights(), a.preventAutomaticSuspension(), a.admin(),
                        a.permission() == null ? null : a.permission().name(), a.buckets().toArray(String[]::new),
                        a.idleTimeoutMinutes(), id)
                .update();
    }

    boolean emailTakenByOther(String workspaceId, String email, UUID self) {
        return jdbc.sql("SELECT count(*) FROM invite.account WHERE workspace_id = ? AND lower(email) = lower(?)"
                        + " AND id <> ?")
                .params(workspaceId, email, self).query(Long.class).single() > 0;
    }

    /** Which of these addresses (lower-cased) an account of the workspace already has. */
    public Set<String> emailsTaken(String workspaceId, Collection<String> emails) {
        return taken(workspaceId, List.of(),
                emails.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toList()).emails();
    }

    /**
     * Licences in use per workspace, read without a lock: a batch decides with these and then takes what it decided
     * with {@link #takeLicences}, which fails if another transaction took licences meanwhile.
     */
    Map<String, Integer> licencesUsed(Collection<String> workspaceIds) {
        Map<String, Integer> used = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT id, licences_used FROM invite.workspace WHERE id = ANY(?::text[])")
                .param(workspaceIds.toArray(String[]::new))
                .query(rs -> {
                    used.put(rs.getString(1), rs.getInt(2));
                });
        return used;
    }

    /**
     * Takes the given number of licences per workspace, in workspace id order (so that two transactions never wait
     * on each other's rows), each only if they are free: a conditional increment that locks the workspace row until
     * the transaction ends. False, having taken some or none, when one workspace has fewer free: the caller then
     * undoes its writes.
     */
    boolean takeLicences(Map<String, Integer> wanted) {
        for (Map.Entry<String, Integer> w : new java.util.TreeMap<>(wanted).entrySet()) {
            if (w.getValue() > 0 && jdbc.sql("UPDATE invite.workspace SET licences_used = licences_used + ?"
                            + " WHERE id = ? AND licences_used + ? <= licence_count")
                    .params(w.getValue(), w.getKey(), w.getValue()).update() != 1) {
                return false;
            }
        }
        return true;
    }

    /** Keeps the workspace's licence counter in step with a USER taking (+1) or giving back (-1) a licence. */
    void adjustLicences(String workspaceId, int delta) {
        jdbc.sql("UPDATE invite.workspace SET licences_used = licences_used + ? WHERE id = ?")
                .params(delta, workspaceId).update();
    }

    /**
     * The users of a workspace by login (whatever its case), in one statement: the owners of a run of contacts, keyed
     * by the login as given. One probe of {@code account_login_unique} per login, behind a sub-select, for the
     * reasons {@link #taken} gives.
     */
    Map<String, Account> usersByLogin(String workspaceId, Collection<String> logins) {
        Map<String, Account> users = new HashMap<>();
        jdbc.sql("SELECT k.v AS given_login, a.* FROM unnest((SELECT ?::text[])) AS k(v) CROSS JOIN LATERAL (SELECT *"
                        + " FROM invite.account a WHERE a.workspace_id = ? AND lower(a.login) = lower(k.v)"
                        + " AND a.type = 'USER' LIMIT 1) a")
                .params(logins.toArray(String[]::new), workspaceId)
                .query(rs -> {
                    users.put(rs.getString("given_login"), map(rs, 0));
                });
        return users;
    }

    Optional<Account> find(String workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM invite.account WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id).query(AccountRepository::map).optional();
    }

    /** One page of a workspace's accounts, filtered; text matches login, email or names. */
    List<Account> list(String workspaceId, AccountType type, AccountStatus status, String text, int offset,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM invite.account WHERE workspace_id = ?");
        List<Object> params = new ArrayList<>(List.of(workspaceId));
        if (type != null) {
            sql.append(" AND type = ?");
            params.add(type.name());
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        if (text != null && !text.isBlank()) {
            sql.append(" AND (login ILIKE ? OR email ILIKE ? OR first_name ILIKE ? OR last_name ILIKE ?)");
            String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.addAll(List.of(like, like, like, like));
        }
        sql.append(" ORDER BY created_at, id OFFSET ? LIMIT ?");
        params.add(offset);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AccountRepository::map).list();
    }

    private static String text(StorageQuota q) {
        return q == null ? null : q.toString();
    }

    private static Long bytes(StorageQuota q) {
        return q == null ? null : q.bytes();
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        String permission = rs.getString("permission");
        return new Account(rs.getObject("id", UUID.class), AccountType.valueOf(rs.getString("type")),
                rs.getString("login"), rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
                AccountStatus.valueOf(rs.getString("status")), MailLanguage.fromCode(rs.getString("mail_language"))
                        .orElseThrow(), rs.getString("share_space_max"), rs.getString("save_space_max"),
                VisibilityScope.valueOf(rs.getString("visibility_scope")), rs.getBoolean("modification_prevention"),
                rs.getString("company"), rs.getString("company_department"), rs.getString("function"),
                TwoFactorMode.valueOf(rs.getString("tfa")), rs.getString("city"), rs.getString("address"),
                rs.getString("zipcode"), rs.getString("country"), rs.getString("phone"), rs.getString("biography"),
                instant(rs.getTimestamp("suspension_at")), rs.getBoolean("creation_notification"),
                ExpirationMode.valueOf(rs.getString("expiration_mode")), rs.getBoolean("restricted_rights"),
                rs.getBoolean("prevent_automatic_suspension"), rs.getBoolean("admin"),
                permission == null ? null : Permission.valueOf(permission),
                Arrays.asList((String[]) rs.getArray("buckets").getArray()), rs.getObject("owner_id", UUID.class),
                instant(rs.getTimestamp("created_at")), rs.getObject("idle_timeout_minutes", Integer.class));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
