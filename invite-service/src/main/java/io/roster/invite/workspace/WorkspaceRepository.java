package io.roster.invite.workspace;

import io.roster.contracts.account.Application;
import io.roster.contracts.account.TwoFactorMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import io.roster.contracts.workspace.AutomaticSuspension;
import io.roster.contracts.workspace.IdleTimeoutPolicy;
import io.roster.contracts.workspace.WorkspaceFacts;
import io.roster.contracts.workspace.WorkspacePlan;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class WorkspaceRepository {

    private final JdbcClient jdbc;

    WorkspaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Workspace> find(String id) {
        return jdbc.sql("SELECT * FROM invite.workspace WHERE id = ?").param(id).query(this::map).optional();
    }

    /** Locks the workspace row for the rest of the transaction: serializes licence counting per workspace. */
    public Optional<Workspace> lock(String id) {
        return jdbc.sql("SELECT * FROM invite.workspace WHERE id = ? FOR UPDATE").param(id).query(this::map)
                .optional();
    }

    /** Creates the workspace if it does not exist yet; returns whether it was created. */
    public boolean createIfAbsent(Workspace w) {
        return jdbc.sql("""
                INSERT INTO invite.workspace (id, name, plan, licence_count, time_zone, applications, tfa_modes)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(w.id(), w.name(), w.plan().name(), w.licenceCount(), w.timeZone().getId(),
                        w.applications().stream().map(Enum::name).toArray(String[]::new),
                        w.tfaModes().stream().map(Enum::name).toArray(String[]::new))
                .update() == 1;
    }

    /** The workspace as {@code workspace.facts.v1} tells it: its row, the session control included. */
    public Optional<WorkspaceFacts> facts(String id) {
        return jdbc.sql("SELECT * FROM invite.workspace WHERE id = ?").param(id).query(this::mapFacts).optional();
    }

    /** The workspace's automatic suspension and expiry. */
    public AutomaticSuspension automaticSuspension(String id) {
        return jdbc.sql("SELECT suspend_after_days, expire_after_days, warn_days_before FROM invite.workspace"
                        + " WHERE id = ?").param(id)
                .query((rs, n) -> new AutomaticSuspension(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
    }

    public void saveAutomaticSuspension(String id, AutomaticSuspension settings) {
        jdbc.sql("UPDATE invite.workspace SET suspend_after_days = ?, expire_after_days = ?, warn_days_before = ?"
                        + " WHERE id = ?")
                .params(settings.suspendAfterDays(), settings.expireAfterDays(), settings.warnDaysBefore(), id)
                .update();
    }

    /** Every workspace id, in order. */
    public List<String> ids() {
        return jdbc.sql("SELECT id FROM invite.workspace ORDER BY id").query(String.class).list();
    }

    private WorkspaceFacts mapFacts(ResultSet rs, int row) throws SQLException {
        Workspace w = map(rs, row);
        return new WorkspaceFacts(w.name(), WorkspacePlan.valueOf(w.plan().name()), w.licenceCount(),
                w.timeZone().getId(), sorted(w.applications()), sorted(w.tfaModes()),
                IdleTimeoutPolicy.valueOf(rs.getString("idle_timeout_policy")), rs.getInt("idle_timeout_minutes"),
                rs.getBoolean("concurrent_sessions"), rs.getBoolean("users_may_change_concurrent_sessions"),
                new AutomaticSuspension(rs.getInt("suspend_after_days"), rs.getInt("expire_after_days"),
                        rs.getInt("warn_days_before")));
    }

    private static <E extends Enum<E>> List<E> sorted(Set<E> values) {
        return values.stream().sorted().toList();
    }

    private Workspace map(ResultSet rs, int row) throws SQLException {
        return new Workspace(rs.getString("id"), rs.getString("name"), Workspace.Plan.valueOf(rs.getString("plan")),
                rs.getInt("licence_count"), ZoneId.of(rs.getString("time_zone")),
                enums(rs.getArray("applications"), Application.class),
                enums(rs.getArray("tfa_modes"), TwoFactorMode.class));
    }

    private static <E extends Enum<E>> Set<E> enums(Array array, Class<E> type) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(v -> Enum.valueOf(type, v))
                .collect(Collectors.toUnmodifiableSet());
    }
}
