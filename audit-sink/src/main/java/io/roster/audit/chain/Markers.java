package io.roster.audit.chain;

import io.roster.audit.activity.ChainContent;
import io.roster.audit.activity.ChainShard;
import io.roster.audit.activity.OwnEntries;
import io.roster.audit.activity.ErasureObserver;
import io.roster.audit.activity.RowKey;
import io.roster.contracts.EnvelopeCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The signed markers the application leaves in a workspace's chains when it changes or removes entries lawfully:
 * retention (a day's partition dropped: the rows up to a position of each chain are gone) and erasure (a deleted
 * account's entries pseudonymised: their new content hashes). Markers are entries themselves, in the workspace's own
 * chain ({@link ChainShard#OWN}), chained like any other.
 */
@Component("auditMarkers")
public class Markers implements ErasureObserver {

    static final String RETENTION_TYPE = "audit.retention-applied";
    static final String ERASURE_TYPE = "audit.personal-data-erased";

    private final JdbcClient jdbc;
    private final OwnEntries writer;
    private final MarkerSigner signer;
    private final EnvelopeCodec codec;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Markers(JdbcClient jdbc, OwnEntries writer, MarkerSigner signer, EnvelopeCodec codec,
            TransactionTemplate transactions, @Qualifier("auditClock") Clock clock) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.signer = signer;
        this.codec = codec;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Before a day's partition is dropped ({@code partition}: its table): for each workspace with rows in it, a marker
     * naming, for each of its chains, the highest position removed.
     */
    public void beforeDrop(LocalDate day, String partition, Instant now) {
        Map<String, Map<Integer, Long>> removed = new TreeMap<>();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT workspace_id, chain_shard, max(chain_seq) FROM audit." + partition
                    + " WHERE chain_seq IS NOT NULL GROUP BY workspace_id, chain_shard")
                    .query((RowCallbackHandler) rs -> removed.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getInt(2), rs.getLong(3)));
            removed.forEach((workspaceId, upTo) -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("day", day.toString());
                details.put("upTo", upTo);
                details.put("hmac", signer.sign(retentionStatement(workspaceId, day, upTo)));
                writer.write(workspaceId, RETENTION_TYPE, "RETENTION_APPLIED",
                        "entries of " + day + " (UTC) removed by retention", json(details), now);
            });
        });
    }

    /** What a retention marker signs: the workspace, the day and, chain by chain, the last position removed. */
    static String retentionStatement(String workspaceId, LocalDate day, Map<Integer, Long> upTo) {
        StringBuilder statement = new StringBuilder("retention|").append(workspaceId).append('|').append(day);
        new TreeMap<>(upTo).forEach((shard, seq) -> statement.append('|').append(shard).append('=').append(seq));
        return statement.toString();
    }

    /**
     * The statement a stored retention marker's signature covers; a marker written before the chains had shards
     * ({@code upToSeq}: a position of the workspace's one chain, now chain 0) signed {@code retention|ws|day|seq}.
     */
    static String retentionStatement(String workspaceId, JsonNode details) {
        LocalDate day = LocalDate.parse(details.path("day").asString());
        return details.has("upToSeq")
                ? "retention|" + workspaceId + "|" + day + "|" + details.path("upToSeq").asLong()
                : retentionStatement(workspaceId, day, retainedUpTo(details));
    }

    /** The last position removed of each chain a retention marker names. */
    static Map<Integer, Long> retainedUpTo(JsonNode details) {
        Map<Integer, Long> upTo = new TreeMap<>();
        if (details.has("upToSeq")) {
            upTo.put(ChainShard.OWN, details.path("upToSeq").asLong());
        } else {
            details.path("upTo").properties().forEach(e -> upTo.put(Integer.valueOf(e.getKey()),
                    e.getValue().asLong()));
        }
        return upTo;
    }

    @Override
    public void erased(String workspaceId, List<RowKey> rows) {
        Map<String, String> hashes = new TreeMap<>();
        for (RowKey row : rows) {
            jdbc.sql("SELECT " + ChainContent.COLUMNS + " FROM audit.activity_log WHERE event_id = ? AND occurred_at = ?")
                    .params(row.eventId(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC))
                    .query((RowCallbackHandler) rs -> hashes.put(row.eventId().toString(),
                            HexFormat.of().formatHex(ChainContent.hash(rs))));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", hashes);
        details.put("hmac", signer.sign(erasureStatement(workspaceId, hashes)));
        writer.write(workspaceId, ERASURE_TYPE, "PERSONAL_DATA_ERASED",
                hashes.size() + " entries pseudonymised (personal data erased)", json(details), clock.instant());
    }

    static String erasureStatement(String workspaceId, Map<String, String> hashes) {
        StringBuilder statement = new StringBuilder("erasure|").append(workspaceId);
        new TreeMap<>(hashes).forEach((event, hash) -> statement.append('|').append(event).append('=').append(hash));
        return statement.toString();
    }

    private String json(Object value) {
        return codec.mapper().writeValueAsString(value);
    }
}
