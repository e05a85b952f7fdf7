package io.roster.audit.chain;

import io.roster.audit.activity.ChainContent;
import io.roster.contracts.EnvelopeCodec;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Recomputes a workspace's chains over a range, as the writer built them: each row's content hash from its columns,
 * its chain hash from its previous hash, and its link to the row before it in its chain. A row altered by SQL no
 * longer matches its content hash; a row deleted leaves a position without a row; a row inserted by SQL is in no
 * chain; each is reported where it is (chain and position). Rows changed by a signed erasure and positions removed
 * by signed retention are accepted.
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
        final MessageDigest digest = ChainContent.sha256();
        long checked;
        long erased;
        int shard = -1;
        long lastSeq = -1;
        byte[] lastHash;

        /** One break per chain, position (or row, when in no chain) and problem, however many checks find it. */
        void add(ChainVerification.Break b) {
            boolean known = breaks.stream().anyMatch(o -> Objects.equals(o.shard(), b.shard())
                    && Objects.equals(o.chainSeq(), b.chainSeq()) && o.problem() == b.problem()
                    && (b.chainSeq() != null || Objects.equals(o.eventId(), b.eventId())));
            if (!known && breaks.size() < MAX_BREAKS) {
                breaks.add(b);
            }
        }

        void add(long seq, UUID eventId, Instant at, ChainVerification.Problem problem, String detail) {
            add(new ChainVerification.Break(shard, seq, eventId, at, problem, detail));
        }
    }

    public ChainVerification verify(String workspaceId, Instant from, Instant to) {
        return transactions.execute(status -> {
            List<ChainHead> chains = heads.of(workspaceId);
            Map<Integer, ChainHead> byShard = new HashMap<>();
            chains.forEach(h -> byShard.put(h.shard(), h));
            Walk walk = new Walk();
            Signed markers = markers(workspaceId, walk);
            // every row of the range, chain by chain, in position order (the index's); rows in no chain last
            streaming.query("SELECT a.chain_shard, a.chain_seq, a.content_hash, a.prev_hash, a.chain_hash, "
                    + ChainContent.columns("a.") + " FROM audit.activity_log a WHERE a.workspace_id = ?"
                    + " AND a.occurred_at >= ? AND a.occurred_at < ? ORDER BY a.chain_shard, a.chain_seq",
                    rs -> {
                        Integer shard = rs.getObject("chain_shard", Integer.class);
                        if (shard == null || rs.getObject("chain_seq") == null) {
                            // the application chains every row it writes: this one was added by SQL
                            walk.add(new ChainVerification.Break(null, null, rs.getObject("h_event", UUID.class),
                                    rs.getObject("h_at", OffsetDateTime.class).toInstant(),
                                    ChainVerification.Problem.UNCHAINED,
                                    "a row in no chain (added outside the application)"));
                            return;
                        }
                        if (shard != walk.shard) {
                            endOfChain(workspaceId, byShard.get(walk.shard), markers, walk);
                            walk.shard = shard;
                            walk.lastSeq = -1;
                            walk.lastHash = null;
                        }
                        check(rs, workspaceId, markers, walk);
                    }, workspaceId, utc(from), utc(to));
            endOfChain(workspaceId, byShard.get(walk.shard), markers, walk);
            // each chain's head row must be there with the head's hash, unless retention removed it
            for (ChainHead head : chains) {
                walk.shard = head.shard();
                if (head.seq() > markers.retainedUpTo(head.shard())) {
                    byte[] headRow = chainHash(workspaceId, head.shard(), head.seq());
                    if (headRow == null || !Arrays.equals(headRow, head.hash())) {
                        walk.add(head.seq(), null, null, headRow == null ? ChainVerification.Problem.MISSING
                                : ChainVerification.Problem.RELINKED,
                                "the chain head's row " + (headRow == null ? "is missing" : "has another chain hash"));
                    }
                }
            }
            List<ChainVerification.Break> breaks = new ArrayList<>(walk.breaks);
            breaks.sort(Comparator.comparing((ChainVerification.Break b) -> b.shard() == null ? -1 : b.shard())
                    .thenComparing(b -> b.chainSeq() == null ? -1 : b.chainSeq()));
            return new ChainVerification(workspaceId, from, to, breaks.isEmpty(), walk.checked, walk.erased,
                    chains.stream().map(h -> new ChainVerification.Chain(h.shard(), h.seq() + ":" + h.hashHex(),
                            markers.retainedUpTo(h.shard()))).toList(), breaks);
        });
    }

    private void check(ResultSet rs, String workspaceId, Signed markers, Walk walk) throws SQLException {
        long seq = rs.getLong("chain_seq");
        UUID eventId = rs.getObject("h_event", UUID.class);
        Instant at = rs.getObject("h_at", OffsetDateTime.class).toInstant();
        byte[] stored = rs.getBytes("content_hash");
        byte[] previous = rs.getBytes("prev_hash");
        byte[] link = rs.getBytes("chain_hash");
        byte[] content = ChainContent.hash(rs, walk.digest);
        if (!Arrays.equals(content, stored)) {
            byte[] written = ChainContent.hashWithWrittenDetails(rs, walk.digest);
            Set<String> allowed = markers.erased.get(eventId.toString());
            if (written != null && Arrays.equals(written, stored)) {
                // the details as the writer hashed them: this database prints their JSON otherwise
                content = written;
            } else if (allowed != null && allowed.contains(HexFormat.of().formatHex(content))) {
                walk.erased++;
            } else {
                walk.add(seq, eventId, at, ChainVerification.Problem.ALTERED,
                        "the row's content no longer matches its content hash");
            }
        }
        walk.checked++;
        if (stored == null || previous == null || link == null
                || !Arrays.equals(link, ChainContent.link(previous, stored, walk.digest))) {
            walk.add(seq, eventId, at, ChainVerification.Problem.ALTERED,
                    "the row's chain hash does not follow from its hashes");
        }
        if (seq == walk.lastSeq) {
            walk.add(seq, eventId, at, ChainVerification.Problem.RELINKED, "a second row at position #" + seq);
        } else if (walk.lastSeq == seq - 1) {
            if (!Arrays.equals(previous, walk.lastHash)) {
                walk.add(seq, eventId, at, ChainVerification.Problem.RELINKED,
                        "the row's previous hash is not the chain hash of row #" + (seq - 1));
            }
        } else if (seq == 1) {
            if (!Arrays.equals(previous, ChainHead.START)) {
                walk.add(seq, eventId, at, ChainVerification.Problem.RELINKED, "the first row does not start the chain");
            }
        } else {
            // the row before is outside the range (or gone)
            byte[] before = chainHash(workspaceId, walk.shard, seq - 1);
            if (before == null && seq - 1 > markers.retainedUpTo(walk.shard)) {
                walk.add(seq - 1, null, null, ChainVerification.Problem.MISSING,
                        "row #" + (seq - 1) + " of the chain is missing (deleted outside retention)");
            } else if (before != null && !Arrays.equals(before, previous)) {
                walk.add(seq, eventId, at, ChainVerification.Problem.RELINKED,
                        "the row's previous hash is not the chain hash of row #" + (seq - 1));
            }
        }
        walk.lastSeq = seq;
        walk.lastHash = link;
    }

    /** After a chain's last row in the range: the row after it must be there, else the range's newest was deleted. */
    private void endOfChain(String workspaceId, ChainHead head, Signed markers, Walk walk) {
        if (walk.lastSeq < 0 || head == null || walk.lastSeq >= head.seq()) {
            return;
        }
        long seq = walk.lastSeq;
        byte[][] next = jdbc.query("SELECT prev_hash FROM audit.activity_log WHERE workspace_id = ?"
                + " AND chain_shard = ? AND chain_seq = ?",
                rs -> rs.next() ? new byte[][] {rs.getBytes(1)} : null, workspaceId, walk.shard, seq + 1);
        if (next == null) {
            walk.add(seq + 1, null, null, ChainVerification.Problem.MISSING,
                    "row #" + (seq + 1) + " of the chain is missing (deleted outside retention)");
        } else if (!Arrays.equals(next[0], walk.lastHash)) {
            walk.add(seq + 1, null, null, ChainVerification.Problem.RELINKED,
                    "row #" + (seq + 1) + " does not follow row #" + seq);
        }
    }

    private byte[] chainHash(String workspaceId, int shard, long seq) {
        return jdbc.query("SELECT chain_hash FROM audit.activity_log WHERE workspace_id = ? AND chain_shard = ?"
                + " AND chain_seq = ?", rs -> rs.next() ? rs.getBytes(1) : null, workspaceId, shard, seq);
    }

    /** The workspace's signed markers; a marker whose signature fails is a break itself. */
    private static final class Signed {
        final Map<Integer, Long> retainedUpTo = new HashMap<>();
        final Map<String, Set<String>> erased = new HashMap<>();

        long retainedUpTo(int shard) {
            return retainedUpTo.getOrDefault(shard, 0L);
        }
    }

    private Signed markers(String workspaceId, Walk walk) {
        Signed markers = new Signed();
        jdbc.query("SELECT type, details::text, chain_shard, chain_seq, event_id, occurred_at FROM audit.activity_log"
                + " WHERE workspace_id = ? AND type IN (?, ?) ORDER BY chain_shard, chain_seq", rs -> {
                    JsonNode details = codec.mapper().readTree(rs.getString(2));
                    boolean valid;
                    if (Markers.RETENTION_TYPE.equals(rs.getString(1))) {
                        Map<Integer, Long> upTo = Markers.retainedUpTo(details);
                        valid = signer.verify(Markers.retentionStatement(workspaceId, details),
                                details.path("hmac").asString());
                        if (valid) {
                            upTo.forEach((shard, seq) -> markers.retainedUpTo.merge(shard, seq, Math::max));
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
                        walk.add(new ChainVerification.Break(rs.getObject(3, Integer.class),
                                rs.getObject(4, Long.class), rs.getObject(5, UUID.class),
                                rs.getObject(6, OffsetDateTime.class).toInstant(),
                                ChainVerification.Problem.FORGED_MARKER, "a marker whose signature does not hold"));
                    }
                }, workspaceId, Markers.RETENTION_TYPE, Markers.ERASURE_TYPE);
        return markers;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
