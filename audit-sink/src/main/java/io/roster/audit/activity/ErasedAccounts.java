package io.roster.audit.activity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The accounts whose deletion was recorded, so that an event of one recorded afterwards is pseudonymised too, and
 * the lock that makes "afterwards" exact. Events of one account come from several partitions (account events, the
 * activity stream, invitations), recorded by different listener threads: without it, an event written while the
 * deletion's transaction ran was committed after the erasure's rewrite had looked, and kept the personal data.
 *
 * <p>Every writing transaction holds, before anything else, a lock on the accounts its entries name: shared to
 * record their events, exclusive to erase them. So an erasure waits for the transactions in flight that record an
 * event of the account, and then sees their entries; one that starts later waits for the erasure and then finds
 * the account erased here ({@link #hold}). Advisory transaction locks, striped (one of {@link #STRIPES} per account, by
 * its hash): no row is written to take them, and a poll of thousands of events holds a bounded number of them.
 * They are taken before the chains' heads, in stripe order, by every writer, so none waits in a cycle.
 */
@Repository
class ErasedAccounts {

    /**
     * How many locks the accounts share; two accounts on one stripe only wait for each other's erasures. Few: a poll of
     * thousands of accounts takes nearly every stripe, and each one held is a slot of PostgreSQL's shared lock table
     * (max_locks_per_transaction × max_connections, 6,400 with the defaults and 100 connections), which every
     * listener thread of every instance fills at once; an erasure is rare and short, so coarse stripes cost nothing.
     */
    static final int STRIPES = 64;
    /** The first key of these advisory locks: theirs alone ("ERAS"). */
    private static final int LOCK_CLASS = 0x45524153;

    private final JdbcTemplate jdbc;

    ErasedAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An account of a workspace, as an entry names it (its account or its subject). */
    record Account(String workspaceId, String accountId) {

        byte[] sha256() {
            MessageDigest digest = ChainContent.sha256();
            digest.update(workspaceId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return digest.digest(accountId.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An account and its digest, computed once for its lock and its look-up. */
    private record Hashed(Account account, byte[] sha256) {

        int stripe() {
            return Math.floorMod(sha256[0] << 8 | sha256[1] & 0xff, STRIPES);
        }
    }

    /**
     * Locks, until the transaction ends, the accounts whose entries it records (shared) and those it erases
     * (exclusive), first in the transaction, before the chains' heads; then returns which of the recorded accounts
     * are erased already, with their pseudonyms. Read under the lock, that answer holds until the transaction ends:
     * no erasure of these accounts can commit before it.
     */
    Map<Account, String> hold(Collection<Account> recorded, Set<Account> erasing) {
        List<Hashed> hashed = new ArrayList<>(recorded.size());
        TreeMap<Integer, Boolean> stripes = new TreeMap<>();
        for (Account account : recorded) {
            Hashed h = new Hashed(account, account.sha256());
            hashed.add(h);
            stripes.merge(h.stripe(), erasing.contains(account), Boolean::logicalOr);
        }
        for (Account account : erasing) {
            stripes.put(new Hashed(account, account.sha256()).stripe(), true);
        }
        if (stripes.isEmpty()) {
            return Map.of();
        }
        lock(stripes);
        return erased(hashed);
    }

    private void lock(TreeMap<Integer, Boolean> stripes) {
        Integer[] keys = stripes.keySet().toArray(Integer[]::new);
        Boolean[] exclusive = stripes.values().toArray(Boolean[]::new);
        jdbc.query(connection -> {
            // in the arrays' order: ascending stripes, so that two erasures never wait for each other in a cycle
            PreparedStatement lock = connection.prepareStatement("""
                    SELECT CASE WHEN x THEN pg_advisory_xact_lock(?, s) ELSE pg_advisory_xact_lock_shared(?, s) END
                    FROM unnest(?::int[], ?::boolean[]) AS u(s, x)""");
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, LOCK_CLASS);
            lock.setArray(3, connection.createArrayOf("int4", keys));
            lock.setArray(4, connection.createArrayOf("bool", exclusive));
            return lock;
        }, (RowCallbackHandler) rs -> { });
    }

    /** Which of the accounts are erased, with their pseudonyms: one statement for them all. */
    private Map<Account, String> erased(List<Hashed> accounts) {
        if (accounts.isEmpty()) {
            return Map.of();
        }
        String[] workspaces = new String[accounts.size()];
        byte[][] digests = new byte[accounts.size()][];
        for (int i = 0; i < workspaces.length; i++) {
            workspaces[i] = accounts.get(i).account().workspaceId();
            digests[i] = accounts.get(i).sha256();
        }
        Map<Account, String> erased = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("""
                    SELECT u.n, m.pseudonymous_id FROM unnest(?::text[], ?::bytea[]) WITH ORDINALITY AS u(w, d, n)
                    JOIN audit.erased_account m ON m.workspace_id = u.w AND m.account_sha256 = u.d""");
            select.setArray(1, connection.createArrayOf("text", workspaces));
            select.setArray(2, connection.createArrayOf("bytea", digests));
            return select;
        }, (RowCallbackHandler) rs -> erased.put(accounts.get(rs.getInt(1) - 1).account(), rs.getString(2)));
        return erased;
    }

    /** The account is erased under this pseudonym: its events recorded from now on are pseudonymised. */
    void mark(Account account, String pseudonymousId) {
        jdbc.update("""
                INSERT INTO audit.erased_account (workspace_id, account_sha256, pseudonymous_id) VALUES (?, ?, ?)
                ON CONFLICT (workspace_id, account_sha256) DO NOTHING""",
                account.workspaceId(), account.sha256(), pseudonymousId);
    }
}
