package io.roster.audit.chain;

import io.roster.contracts.EnvelopeCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Recomputes a workspace's chain over a range, as the sealer built it: each sealed row's content hash from its
 * columns, its chain hash from its previous hash, and its link to the row before it. A row altered by SQL no longer
 * matches its content hash; a row deleted leaves a position without a row; both are reported where they are. Rows
 * changed by a signed erasure and positions removed by signed retention are accepted.
 */
@Component("auditChainVerifier")
public class ChainVerifier {

    static final int MAX_BREAKS = 100;
    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate transactions;
    private final MarkerSigner signer;
    private final ChainHeads heads;
    private final EnvelopeCodec codec;

    ChainVerifier(DataSource dataSource, TransactionTemplate transactions, MarkerSigner signer, ChainHeads heads,
            EnvelopeCodec codec) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.transactions = transactions;
        this.signer = signer;
        this.heads = heads;
        this.codec = codec;
    }

    private static final class Walk {
        final List<ChainVerification.Break> breaks = new ArrayList<>();
        long checked;
        long erased;
        long lastSeq = -1;
        byte[] lastHash;

        /** One break per position and problem, however many checks find it. */
        void add(ChainVerification.Break b) {
            boolean known = breaks.stream().anyMatch(o -> o.chainSeq() == b.chainSeq() && o.problem() == b.problem());
            if (!known && breaks.size() < MAX_BREAKS) {
                breaks.add(b);
            }
        }
    }

    public ChainVerification verify(String workspaceId, Instant from, Instant to) {
        return transactions.execute(status -> {
            ChainHead head = heads.of(workspaceId);
            Walk walk = new Walk();
            Signed markers = markers(workspaceId, walk);
            // the chain's rows, each with its entry if it is still there (a.event_id null: the entry was deleted)
            streaming.query("SELECT c.chain_seq, c.event_id AS c_event, c.occurred_at AS c_at, c.content_hash,"
                    + " c.prev_hash, c.chain_hash, a.event_id IS NOT NULL AS present, " + ChainContent.columns("a.")
                    + " FROM audit.activity_chain c LEFT JOIN audit.activity_log a ON a.event_id = c.event_id"
                    + " AND a.occurred_at = c.occurred_at WHERE c.workspace_id = ? AND c.occurred_at >= ?"
                    + " AND c.occurred_at < ? ORDER BY c.chain_seq",
                    rs -> {
                        check(rs, workspaceId, markers, walk);
                    }, workspaceId, utc(from), utc(to));
            if (walk.lastSeq >= 0 && walk.lastSeq < head.seq()) {
                // the row after the range's last one must be there: else the range's newest row was deleted
                follower(workspaceId, walk.lastSeq, walk.lastHash, markers, walk);
            }
            if (head.seq() > markers.retainedUpTo) {
                byte[] headRow = chainHash(workspaceId, head.seq());
                if (headRow == null || !Arrays.equals(headRow, head.hash())) {
                    walk.add(new ChainVerification.Break(head.seq(), null, null,
                            headRow == null ? ChainVerification.Problem.MISSING : ChainVerification.Problem.RELINKED,
                            "the chain head's row " + (headRow == null ? "is missing" : "has another chain hash")));
                }
            }
            Long unsealed = jdbc.queryForObject("SELECT count(*) FROM audit.activity_log a WHERE workspace_id = ?"
                    + " AND occurred_at >= ? AND occurred_at < ? AND NOT EXISTS (SELECT 1 FROM audit.activity_chain c"
                    + " WHERE c.event_id = a.event_id AND c.occurred_at = a.occurred_at)", Long.class, workspaceId,
                    utc(from), utc(to));
            List<ChainVerification.Break> breaks = new ArrayList<>(walk.breaks);
            breaks.sort(java.util.Comparator.comparingLong(ChainVerification.Break::chainSeq));
            return new ChainVerification(workspaceId, from, to, breaks.isEmpty(), walk.checked, walk.erased,
                    unsealed == null ? 0 : unsealed, markers.retainedUpTo, head.toString(), breaks);
        });
    }

    private void check(ResultSet rs, String workspaceId, Signed markers, Walk walk) throws SQLException {
        long seq = rs.getLong("chain_seq");
        UUID eventId = rs.getObject("c_event", UUID.class);
        Instant at = rs.getObject("c_at", OffsetDateTime.class).toInstant();
        byte[] stored = rs.getBytes("content_hash");
        byte[] previous = rs.getBytes("prev_hash");
        byte[] link = rs.getBytes("chain_hash");
        byte[] content = rs.getBoolean("present") ? ChainContent.hash(rs) : null;
        if (content == null) {
            walk.add(new ChainVerification.Break(seq, eventId, at, ChainVerification.Problem.MISSING,
                    "row #" + seq + " of the chain is missing (deleted outside retention)"));
        } else if (!Arrays.equals(content, stored)) {
            Set<String> allowed = markers.erased.get(eventId.toString());
            if (allowed != null && allowed.contains(java.util.HexFormat.of().formatHex(content))) {
                walk.erased++;
            } else {
                walk.add(new ChainVerification.Break(seq, eventId, at, ChainVerification.Problem.ALTERED,
                        "the row's content no longer matches its content hash"));
            }
        }
        if (content != null) {
            walk.checked++;
        }
        if (!Arrays.equals(link, ChainContent.link(previous, stored))) {
            walk.add(new ChainVerification.Break(seq, eventId, at, ChainVerification.Problem.ALTERED,
                    "the row's chain hash does not follow from its hashes"));
        }
        if (walk.lastSeq == seq - 1) {
            if (!Arrays.equals(previous, walk.lastHash)) {
                walk.add(new ChainVerification.Break(seq, eventId, at, ChainVerification.Problem.RELINKED,
                        "the row's previous hash is not the chain hash of row #" + (seq - 1)));
            }
        } else if (seq == 1) {
            if (!Arrays.equals(previous, ChainHead.EMPTY.hash())) {
                walk.add(new ChainVerification.Break(seq, eventId, at, ChainVerification.Problem.RELINKED,
                        "the first row does not start the chain"));
            }
        } else {
            byte[] before = chainHash(workspaceId, seq - 1);
            if (before == null && seq - 1 > markers.retainedUpTo) {
                walk.add(new ChainVerification.Break(seq - 1, null, null, ChainVerification.Problem.MISSING,
                        "row #" + (seq - 1) + " of the chain is missing (deleted outside retention)"));
            } else if (before != null && !Arrays.equals(before, previous)) {
                walk.add(new ChainVerification.Break(seq, eventId, at, ChainVerification.Problem.RELINKED,
                        "the row's previous hash is not the chain hash of row #" + (seq - 1)));
            }
        }
        walk.lastSeq = seq;
        walk.lastHash = link;
    }

    private void follower(String workspaceId, long seq, byte[] hash, Signed markers, Walk walk) {
        byte[][] next = jdbc.query("SELECT c.prev_hash FROM audit.activity_chain c" + WITH_ENTRY
                + " WHERE c.workspace_id = ? AND c.chain_seq = ?",
                rs -> rs.next() ? new byte[][] {rs.getBytes(1)} : null, workspaceId, seq + 1);
        if (next == null) {
            walk.add(new ChainVerification.Break(seq + 1, null, null, ChainVerification.Problem.MISSING,
                    "row #" + (seq + 1) + " of the chain is missing (deleted outside retention)"));
        } else if (!Arrays.equals(next[0], hash)) {
            walk.add(new ChainVerification.Break(seq + 1, null, null, ChainVerification.Problem.RELINKED,
                    "row #" + (seq + 1) + " does not follow row #" + seq));
        }
    }

    /** A position counts as there only with its entry: a chain row whose entry was deleted is a missing row. */
    private static final String WITH_ENTRY = " JOIN audit.activity_log a ON a.event_id = c.event_id"
            + " AND a.occurred_at = c.occurred_at";

    private byte[] chainHash(String workspaceId, long seq) {
        return jdbc.query("SELECT c.chain_hash FROM audit.activity_chain c" + WITH_ENTRY
                + " WHERE c.workspace_id = ? AND c.chain_seq = ?",
                rs -> rs.next() ? rs.getBytes(1) : null, workspaceId, seq);
    }

    /** The workspace's signed markers; a marker whose signature fails is a break itself. */
    private static final class Signed {
        long retainedUpTo;
        final Map<String, Set<String>> erased = new HashMap<>();
    }

    private Signed markers(String workspaceId, Walk walk) {
        Signed markers = new Signed();
        jdbc.query("SELECT a.type, a.details::text, c.chain_seq, a.event_id, a.occurred_at FROM audit.activity_log a"
                + " LEFT JOIN audit.activity_chain c ON c.event_id = a.event_id AND c.occurred_at = a.occurred_at"
                + " WHERE a.workspace_id = ? AND a.type IN (?, ?) ORDER BY c.chain_seq", rs -> {
                    JsonNode details = codec.mapper().readTree(rs.getString(2));
                    boolean valid;
                    if (Markers.RETENTION_TYPE.equals(rs.getString(1))) {
                        long upTo = details.path("upToSeq").asLong();
                        valid = signer.verify(Markers.retentionStatement(workspaceId,
                                LocalDate.parse(details.path("day").asString()), upTo),
                                details.path("hmac").asString());
                        if (valid) {
                            markers.retainedUpTo = Math.max(markers.retainedUpTo, upTo);
                        }
                    } else {
                        Map<String, String> hashes = new TreeMap<>();
                        details.path("rows").properties().forEach(e -> hashes.put(e.getKey(), e.getValue().asString()));
                        valid = signer.verify(Markers.erasureStatement(workspaceId, hashes),
                                details.path("hmac").asString());
                        if (valid) {
                            hashes.forEach((event, hash) -> markers.erased.computeIfAbsent(event,
                                    k -> new HashSet<>()).add(hash));
                        }
                    }
                    if (!valid) {
                        walk.add(new ChainVerification.Break(rs.getLong(3), rs.getObject(4, UUID.class),
                                rs.getObject(5, OffsetDateTime.class).toInstant(),
                                ChainVerification.Problem.FORGED_MARKER, "a marker whose signature does not hold"));
                    }
                }, workspaceId, Markers.RETENTION_TYPE, Markers.ERASURE_TYPE);
        return markers;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
