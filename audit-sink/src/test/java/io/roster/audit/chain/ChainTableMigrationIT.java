package io.roster.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.adminaccess.AdminAccess;
import io.roster.audit.AuditProperties;
import io.roster.audit.activity.ChainContent;
import io.roster.audit.activity.ChainShard;
import io.roster.audit.activity.ChainWriting;
import io.roster.contracts.EnvelopeCodec;
import io.roster.messaging.MessagingSupport;
import io.roster.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chain's two moves: V6 took it out of the activity rows into {@code audit.activity_chain}, filled by a sealer;
 * V7 puts it back into the rows, written at ingest, one chain per workspace and shard. Here on a database of its
 * own (the migrations name the {@code audit} schema): migrated to V5, given rows chained as V5's sealer left them
 * (the hashes in the row, the head in {@code chain_head}), a V5 retention marker, and rows it had not sealed yet —
 * one recorded before chained ones —, then migrated to V6 and to the latest. The chain carried over verifies intact,
 * the rows never sealed are chained by the migration after the head, new entries go on from there, and a row
 * altered afterwards is still found.
 */
class ChainTableMigrationIT {

    private static final String DATABASE = "audit_v7_" + UUID.randomUUID().toString().substring(0, 8);
    private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
    private static DriverManagerDataSource admin;
    private static DriverManagerDataSource dataSource;

    @BeforeAll
    static void database() {
        var postgres = SharedInfrastructure.get().database();
        admin = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password());
        new JdbcTemplate(admin).execute("CREATE DATABASE " + DATABASE);
        dataSource = new DriverManagerDataSource(postgres.jdbcUrl().replaceFirst("/[^/?]+\\?", "/" + DATABASE + "?"),
                postgres.username(), postgres.password());
    }

    @AfterAll
    static void drop() {
        new JdbcTemplate(admin).execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    private static Flyway flyway(String target) {
        Flyway latest = MessagingSupport.flyway(dataSource, "audit", "classpath:db/audit", AdminAccess.MIGRATIONS);
        return Flyway.configure().configuration(latest.getConfiguration()).target(target).load();
    }

    private record Entry(String workspace, UUID eventId, Instant at) {
    }

    @Test
    void chainsOfV5AndV6GoIntoTheEntriesIntactAndStillShowAnAlteration() {
        flyway("5").migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(jdbc.sql("SELECT max(version) FROM audit.flyway_schema_history WHERE version NOT LIKE '0.%'")
                .query(String.class).single()).isEqualTo("5");
        jdbc.sql("SELECT audit.ensure_activity_partition(?::date)").param(DAY.atOffset(ZoneOffset.UTC).toLocalDate())
                .query(String.class).list();
        AuditProperties properties = new AuditProperties(2, Duration.ofDays(90), Duration.ofHours(1),
                "migration-it-key", Duration.ofDays(30), 5000);
        MarkerSigner signer = new MarkerSigner(properties);

        // two workspaces' entries in recording order, and a retention marker of V5 (one chain a workspace, a
        // position of it); V5's sealer chained all but "acme" #3 and "acme" #7
        List<Entry> entries = List.of(entry("acme", 0), entry("acme", 1), entry("globex", 2), entry("acme", 3),
                entry("acme", 4), entry("globex", 5), entry("acme", 6), entry("acme", 7));
        for (Entry e : entries) {
            jdbc.sql("""
                    INSERT INTO audit.activity_log (event_id, workspace_id, occurred_at, type, action, account_id,
                        subject, actor_kind, actor_id, client_ip, request_id, summary, details)
                    VALUES (?, ?, ?, 'activity.recorded.v1', 'SIGN_IN', 'acc-1', 'acc-1', 'USER', 'acc-1',
                        '198.51.100.7', ?, ?, ?::jsonb)""")
                    .params(e.eventId(), e.workspace(), e.at().atOffset(ZoneOffset.UTC), "req-" + e.eventId(),
                            "SIGN_IN ada " + e.at(), "{\"action\": \"SIGN_IN\", \"accountId\": \"acc-1\"}").update();
        }
        Entry marker = entry("acme", 8);
        String day = DAY.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        jdbc.sql("""
                INSERT INTO audit.activity_log (event_id, workspace_id, occurred_at, type, action, subject, actor_kind,
                    actor_id, request_id, summary, details)
                VALUES (?, 'acme', ?, 'audit.retention-applied', 'RETENTION_APPLIED', 'acme', 'SYSTEM', 'audit-sink',
                    'req-marker', 'entries removed by retention', ?::jsonb)""")
                .params(marker.eventId(), marker.at().atOffset(ZoneOffset.UTC), "{\"day\": \"" + day
                        + "\", \"upToSeq\": 1, \"hmac\": \"" + signer.sign("retention|acme|" + day + "|1") + "\"}")
                .update();
        Map<String, Long> seqs = new HashMap<>();
        Map<String, byte[]> heads = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (i == 3 || i == 7) {
                continue;
            }
            sealAsV5(jdbc, entries.get(i), seqs, heads);
        }
        sealAsV5(jdbc, marker, seqs, heads);
        heads.forEach((ws, hash) -> jdbc.sql("INSERT INTO audit.chain_head (workspace_id, chain_seq, chain_hash)"
                + " VALUES (?, ?, ?)").params(ws, seqs.get(ws), hash).update());
        // the row at position 1 of acme's chain went with its day, as the marker says
        jdbc.sql("DELETE FROM audit.activity_log WHERE event_id = ?").param(entries.get(0).eventId()).update();

        flyway("6").migrate();
        assertThat(jdbc.sql("SELECT count(*) FROM audit.activity_chain").query(Long.class).single()).isEqualTo(6);

        flyway("latest").migrate();
        assertThat(jdbc.sql("SELECT count(*) FROM audit.activity_log WHERE chain_seq IS NULL").query(Long.class)
                .single()).isZero();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ChainVerifier verifier = new ChainVerifier(dataSource, transactions, signer, new ChainHeads(jdbc),
                new EnvelopeCodec());
        Instant from = DAY;
        Instant to = DAY.plus(Duration.ofDays(1));

        ChainVerification carried = verifier.verify("acme", from, to);
        assertThat(carried.intact()).as(carried.breaks().toString()).isTrue();
        assertThat(carried.rowsChecked()).isEqualTo(6);
        assertThat(carried.chains()).singleElement().satisfies(chain -> {
            assertThat(chain.shard()).isZero();
            assertThat(chain.head()).startsWith("7:");
            assertThat(chain.retainedUpToSeq()).isEqualTo(1);
        });
        // the rows V5 had not sealed, after its head, in recording order
        assertThat(jdbc.sql("SELECT chain_seq FROM audit.activity_log WHERE event_id IN (?, ?) ORDER BY id")
                .params(entries.get(3).eventId(), entries.get(7).eventId()).query(Long.class).list())
                .containsExactly(6L, 7L);
        ChainVerification other = verifier.verify("globex", from, to);
        assertThat(other.intact()).isTrue();
        assertThat(other.rowsChecked()).isEqualTo(2);

        // new entries: audit-sink's own go on in chain 0, a partition's start a chain of their own
        UUID own = ChainWriting.append(dataSource, "acme", ChainShard.OWN, DAY.plus(Duration.ofHours(10)));
        UUID fromKafka = ChainWriting.append(dataSource, "acme", ChainShard.ofPartition(2),
                DAY.plus(Duration.ofHours(11)));
        assertThat(jdbc.sql("SELECT chain_shard || '/' || chain_seq FROM audit.activity_log WHERE event_id IN (?, ?)"
                + " ORDER BY chain_shard").params(own, fromKafka).query(String.class).list())
                .containsExactly("0/8", "3/1");
        ChainVerification continued = verifier.verify("acme", from, to);
        assertThat(continued.intact()).as(continued.breaks().toString()).isTrue();
        assertThat(continued.rowsChecked()).isEqualTo(8);
        assertThat(continued.chains()).extracting(ChainVerification.Chain::shard).containsExactly(0, 3);

        // an entry chained by V5, altered by SQL afterwards, is found
        jdbc.sql("UPDATE audit.activity_log SET client_ip = '203.0.113.66' WHERE event_id = ?")
                .param(entries.get(1).eventId()).update();
        ChainVerification altered = verifier.verify("acme", from, to);
        assertThat(altered.intact()).isFalse();
        assertThat(altered.breaks()).singleElement().satisfies(b -> {
            assertThat(b.shard()).isZero();
            assertThat(b.chainSeq()).isEqualTo(2);
            assertThat(b.eventId()).isEqualTo(entries.get(1).eventId());
            assertThat(b.problem()).isEqualTo(ChainVerification.Problem.ALTERED);
        });
        assertThat(verifier.verify("globex", from, to).intact()).isTrue();
    }

    private static Entry entry(String workspace, int minute) {
        // microseconds in the time: the hash's microsecond count must be the same however it is read
        return new Entry(workspace, UUID.randomUUID(), DAY.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(minute))
                .plus(Duration.ofNanos(123_456_000L + minute * 1000L)));
    }

    /**
     * What V5's sealer wrote: the row's next position in its workspace, its content hash and the links, in place. The
     * content hash from the event id and the time as V5's sealer read them (PostgreSQL's uuid text and extract(epoch)):
     * the verifier reads them raw, and must find the same values.
     */
    private static void sealAsV5(JdbcClient jdbc, Entry e, Map<String, Long> seqs, Map<String, byte[]> heads) {
        byte[] content = jdbc.sql("""
                SELECT (extract(epoch FROM occurred_at) * 1000000)::bigint, event_id::text, workspace_id, type, action,
                    account_id, subject, actor_kind, actor_id, client_ip, request_id, summary, details::text,
                    invitation_id
                FROM audit.activity_log WHERE event_id = ?""")
                .param(e.eventId()).query((rs, n) -> {
                    String[] texts = new String[13];
                    for (int i = 0; i < texts.length; i++) {
                        texts[i] = rs.getString(i + 2);
                    }
                    return ChainContent.hash(rs.getLong(1), texts, ChainContent.sha256());
                }).single();
        byte[] previous = heads.getOrDefault(e.workspace(), ChainHead.START);
        byte[] link = ChainContent.link(previous, content);
        long seq = seqs.merge(e.workspace(), 1L, Long::sum);
        jdbc.sql("UPDATE audit.activity_log SET chain_seq = ?, content_hash = ?, prev_hash = ?, chain_hash = ?"
                + " WHERE event_id = ?").params(seq, content, previous, link, e.eventId()).update();
        heads.put(e.workspace(), link);
    }
}
