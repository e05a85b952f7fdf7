package io.roster.invite.bucket;

import io.roster.contracts.Actor;
import io.roster.contracts.account.AccountValidator;
import io.roster.contracts.account.FieldProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The buckets registered in each workspace. Accounts and invitations may be granted registered buckets only: the
 * command paths call {@link #unknown} or {@link #existing} inside their transaction, which key-share-locks the
 * buckets found until it ends, and a deletion locks its bucket before counting who holds it. So a bucket cannot be
 * deleted between the check and the grant, whichever comes first, without holding the workspace row meanwhile.
 */
@Repository
public class BucketRegistry {

    private static final String VIEW = """
            SELECT b.name, b.created_at, b.created_by_kind, b.created_by,
                (SELECT count(*) FROM invite.account a
                    WHERE a.workspace_id = b.workspace_id AND a.buckets <> '{}' AND a.buckets @> ARRAY[b.name])
                    AS accounts,
                (SELECT count(*) FROM invite.invitation i
                    WHERE i.workspace_id = b.workspace_id AND i.status = 'PENDING' AND i.expires_at > now()
                    AND i.buckets @> ARRAY[b.name]) AS pending_invitations
            FROM invite.bucket b""";

    private final JdbcClient jdbc;

    BucketRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One {@code bucket_unknown} problem on {@code field} per named bucket that the workspace does not have, in
     * the order given; empty when all exist. Names that break the naming rule are left to the validator.
     */
    public List<FieldProblem> unknown(String workspaceId, Collection<String> names, String field) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        Set<String> asked = new LinkedHashSet<>(names);
        asked.removeIf(name -> !AccountValidator.isBucketName(name));
        if (asked.isEmpty()) {
            return List.of();
        }
        return unknown(asked, existing(workspaceId, asked), field);
    }

    /** The problems of {@link #unknown(String, Collection, String)}, from buckets already looked up. */
    public static List<FieldProblem> unknown(Collection<String> names, Set<String> existing, String field) {
        if (names == null) {
            return List.of();
        }
        return new LinkedHashSet<>(names).stream()
                .filter(name -> AccountValidator.isBucketName(name) && !existing.contains(name))
                .map(name -> new FieldProblem(field, "bucket_unknown",
                        "no bucket '" + name + "' in this workspace; an admin has to create it first"))
                .toList();
    }

    /** Which of the names are buckets of the workspace: one query for a whole batch of commands. */
    public Set<String> existing(String workspaceId, Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("SELECT name FROM invite.bucket WHERE workspace_id = ? AND name = ANY(?) FOR KEY SHARE")
                .params(workspaceId, names.toArray(String[]::new)).query(String.class).set();
    }

    public boolean exists(String workspaceId, String name) {
        return jdbc.sql("SELECT count(*) FROM invite.bucket WHERE workspace_id = ? AND name = ?")
                .params(workspaceId, name).query(Long.class).single() > 0;
    }

    /** Registers the bucket unless it exists; returns whether it was registered. The name must follow the rule. */
    public boolean register(String workspaceId, String name, Actor createdBy) {
        if (!AccountValidator.isBucketName(name)) {
            throw new IllegalArgumentException("'" + name + "': " + AccountValidator.BUCKET_NAME_RULE);
        }
        return jdbc.sql("""
                INSERT INTO invite.bucket (workspace_id, name, created_by_kind, created_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (workspace_id, name) DO NOTHING""")
                .params(workspaceId, name, createdBy == null ? Actor.Kind.SYSTEM.name() : createdBy.kind().name(),
                        createdBy == null ? null : createdBy.id())
                .update() == 1;
    }

    void delete(String workspaceId, String name) {
        jdbc.sql("DELETE FROM invite.bucket WHERE workspace_id = ? AND name = ?").params(workspaceId, name).update();
    }

    /**
     * The bucket, locked until the transaction ends, with the accounts and pending invitations that hold it: a grant
     * still in flight has key-share-locked it, so this waits for that grant to commit and then counts it.
     */
    Optional<BucketView> findForDeletion(String workspaceId, String name) {
        boolean found = jdbc.sql("SELECT name FROM invite.bucket WHERE workspace_id = ? AND name = ? FOR UPDATE")
                .params(workspaceId, name).query(String.class).optional().isPresent();
        return found ? find(workspaceId, name) : Optional.empty();
    }

    public Optional<BucketView> find(String workspaceId, String name) {
        return jdbc.sql(VIEW + " WHERE b.workspace_id = ? AND b.name = ?").params(workspaceId, name)
                .query(BucketRegistry::map).optional();
    }

    /** A workspace's buckets by name. */
    public List<BucketView> list(String workspaceId, int offset, int limit) {
        return jdbc.sql(VIEW + " WHERE b.workspace_id = ? ORDER BY b.name LIMIT ? OFFSET ?")
                .params(workspaceId, limit, offset).query(BucketRegistry::map).list();
    }

    private static BucketView map(ResultSet rs, int row) throws SQLException {
        return new BucketView(rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                new BucketView.CreatedBy(Actor.Kind.valueOf(rs.getString("created_by_kind")),
                        rs.getString("created_by")),
                rs.getLong("accounts"), rs.getLong("pending_invitations"));
    }

    /** Returns names (non-null, distinct) that break the naming rule: a configuration or request mistake. */
    public static List<String> invalidNames(Collection<String> names) {
        return names == null ? List.of() : names.stream().filter(n -> !AccountValidator.isBucketName(n))
                .map(String::valueOf).distinct().toList();
    }
}
