package io.roster.audit.chain;

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

/**
 * The signed markers the application leaves in a workspace's chain when it changes or removes entries lawfully:
 * retention (a day's partition dropped: the rows up to a chain position are gone) and erasure (a deleted account's
 * sealed entries pseudonymised: their new content hashes). Markers are entries themselves, sealed like any other.
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
     * Before a day's partition is dropped: for each workspace with sealed rows in it, a marker naming the highest
     * chain position removed ({@code chainPartition}: the day's partition of {@code audit.activity_chain}). Rows not
     * sealed yet are sealed first, so none leaves unaccounted for.
     */
    public void beforeDrop(LocalDate day, String chainPartition, Instant now) {
        transactions.executeWithoutResult(status -> jdbc.sql("SELECT workspace_id, max(chain_seq) FROM audit."
                + chainPartition + " GROUP BY workspace_id")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> {
                    String statement = retentionStatement(e.getKey(), day, e.getValue());
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("day", day.toString());
                    details.put("upToSeq", e.getValue());
                    details.put("hmac", signer.sign(statement));
                    writer.write(e.getKey(), RETENTION_TYPE, "RETENTION_APPLIED",
                            "entries of " + day + " (UTC) removed by retention", json(details), now);
                }));
    }

    static String retentionStatement(String workspaceId, LocalDate day, long upToSeq) {
        return "retention|" + workspaceId + "|" + day + "|" + upToSeq;
    }

    @Override
    public void erased(String workspaceId, List<RowKey> sealedRows) {
        Map<String, String> hashes = new TreeMap<>();
        for (RowKey row : sealedRows) {
            jdbc.sql("SELECT " + ChainContent.COLUMNS + " FROM audit.activity_log WHERE event_id = ? AND occurred_at = ?")
                    .params(row.eventId(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC))
                    .query((RowCallbackHandler) rs -> hashes.put(row.eventId().toString(),
                            HexFormat.of().formatHex(ChainContent.hash(rs))));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", hashes);
        details.put("hmac", signer.sign(erasureStatement(workspaceId, hashes)));
        writer.write(workspaceId, ERASURE_TYPE, "PERSONAL_DATA_ERASED",
                hashes.size() + " sealed entries pseudonymised (personal data erased)", json(details), clock.instant());
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
