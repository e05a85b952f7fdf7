package io.roster.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.adminaccess.AdminAccess;
import io.roster.audit.AuditProperties;
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
 * V6 moved the chain from the activity rows into {@code audit.activity_chain}. Here on a database of its own (the
 * migrations name the {@code audit} schema): migrated to V5, given rows chained as V5's sealer left them (the hashes
 * in the row, the head in {@code chain_head}) and rows it had not sealed yet — one recorded before chained ones —,
 * then migrated to the latest. The chain carried over verifies intact, the sealer goes on from its head, and a row
 * altered afterwards is still found.
 */
class ChainTableMigrationIT {

    private static final String DATABASE = "audit_v6_" + UUID.randomUUID().toString().substring(0, 8);
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
    void aChainOfV5IsCarriedOverIntactAndStillShowsAnAlteration() {
        flyway("5").migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(jdbc.sql("SELECT max(version) FROM audit.flyway_schema_history WHERE version NOT LIKE '0.%'")
                .query(String.class).single()).isEqualTo("5");
        jdbc.sql("SELECT audit.ensure_activity_partition(?::date)").param(DAY.atOffset(ZoneOffset.UTC).toLocalDate())
                .query(String.class).list();

        // two workspaces' entries in recording order; V5's sealer chained all but "acme" #3 and "acme" #7
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
        Map<String, Long> seqs = new HashMap<>();
        Map<String, byte[]> heads = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (i == 3 || i == 7) {
                continue;
            }
            sealAsV5(jdbc, entries.get(i), seqs, heads);
        }
        heads.forEach((ws, hash) -> jdbc.sql("INSERT INTO audit.chain_head (workspace_id, chain_seq, chain_hash)"
                + " VALUES (?, ?, ?)").params(ws, seqs.get(ws), hash).update());

        flyway("latest").migrate();

        assertThat(jdbc.sql("SELECT count(*) FROM audit.activity_chain").query(Long.class).single()).isEqualTo(6);
        AuditProperties properties = new AuditProperties(2, Duration.ofDays(90), Duration.ofHours(1),
                Duration.ofSeconds(1), "migration-it-key", Duration.ofDays(30), 5000);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ChainVerifier verifier = new ChainVerifier(dataSource, transactions, new MarkerSigner(properties),
                new ChainHeads(jdbc), new EnvelopeCodec());
        Instant from = DAY;
        Instant to = DAY.plus(Duration.ofDays(1));

        ChainVerification carried = verifier.verify("acme", from, to);
        assertThat(carried.intact()).as(carried.breaks().toString()).isTrue();
        assertThat(carried.rowsChecked()).isEqualTo(4);
        assertThat(carried.unsealedRows()).isEqualTo(2);
        assertThat(carried.head()).startsWith("4:");

        // the sealer goes on from V5's head with the two rows it had not sealed, and only those
        assertThat(new Sealer(new JdbcTemplate(dataSource), transactions, properties).sealPending()).isEqualTo(2);
        ChainVerification sealed = verifier.verify("acme", from, to);
        assertThat(sealed.intact()).as(sealed.breaks().toString()).isTrue();
        assertThat(sealed.rowsChecked()).isEqualTo(6);
        assertThat(sealed.unsealedRows()).isZero();
        assertThat(sealed.head()).startsWith("6:");
        assertThat(jdbc.sql("SELECT chain_seq FROM audit.activity_chain WHERE event_id = ? ORDER BY chain_seq")
                .params(entries.get(3).eventId()).query(Long.class).list()).containsExactly(5L);
        ChainVerification other = verifier.verify("globex", from, to);
        assertThat(other.intact()).isTrue();
        assertThat(other.rowsChecked()).isEqualTo(2);

        // an entry chained by V5, altered by SQL afterwards, is found
        jdbc.sql("UPDATE audit.activity_log SET client_ip = '203.0.113.66' WHERE event_id = ?")
                .param(entries.get(1).eventId()).update();
        ChainVerification altered = verifier.verify("acme", from, to);
        assertThat(altered.intact()).isFalse();
        assertThat(altered.breaks()).singleElement().satisfies(b -> {
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
     * the sealer and the verifier now read them raw, and must find the same values.
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
        byte[] previous = heads.getOrDefault(e.workspace(), ChainHead.EMPTY.hash());
        byte[] link = ChainContent.link(previous, content);
        long seq = seqs.merge(e.workspace(), 1L, Long::sum);
        jdbc.sql("UPDATE audit.activity_log SET chain_seq = ?, content_hash = ?, prev_hash = ?, chain_hash = ?"
                + " WHERE event_id = ?").params(seq, content, previous, link, e.eventId()).update();
        heads.put(e.workspace(), link);
    }
}
