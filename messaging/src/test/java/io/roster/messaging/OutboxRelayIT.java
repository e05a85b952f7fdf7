package io.roster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountDeleted;
import io.roster.testsupport.KafkaTestClient;
import io.roster.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay against a real broker and database: everything relayed once, in order, and its outbox kept vacuumed. */
class OutboxRelayIT {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Glue {
    }

    @Test
    void relaysEveryRowInOrderAndVacuumsTheOutboxAfterTheConfiguredNumberOfRows() {
        Map<String, Object> properties = new HashMap<>(SharedInfrastructure.springProperties());
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.flyway.enabled", "false");
        properties.put("roster.messaging.relay.batch-size", "100");
        properties.put("roster.messaging.relay.vacuum-after", "300");
        // messaging's own default (snappy), not the embedded broker's (none): its native library must load
        properties.remove("spring.kafka.producer.compression-type");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Glue.class)
                .properties(properties).run()) {
            MessagingSupport.flyway(context.getBean(DataSource.class), "relay_it", "classpath:db/relay-it").migrate();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            TransactionTemplate transactions = new TransactionTemplate(
                    context.getBean(PlatformTransactionManager.class));
            Outbox outbox = context.getBean(MessagingSupport.class).outbox("relay_it");
            OutboxRelay relay = context.getBean(MessagingSupport.class).relay(outbox);
            String workspace = "relay-it-" + UUID.randomUUID();
            List<String> written = new ArrayList<>();
            for (int tx = 0; tx < 10; tx++) {
                List<Envelope<AccountDeleted>> events = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    String account = "account-" + (tx * 100 + i);
                    written.add(account);
                    events.add(Envelope.of(workspace, "req-" + account, Actor.system("relay-it"),
                            new AccountDeleted(account, "p-" + account)));
                }
                transactions.executeWithoutResult(status -> outbox.publishAll(events));
            }
            relay.start();
            try {
                var records = KafkaTestClient.shared().await(Topics.ACCOUNT_EVENTS,
                        r -> r.value().contains(workspace), 1000, Duration.ofSeconds(60));
                Map<Integer, List<Integer>> byPartition = new HashMap<>();
                for (var r : records) {
                    String account = r.value().replaceAll(".*\"accountId\":\"([^\"]+)\".*", "$1");
                    byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(written.indexOf(account));
                }
                // Each once, and each partition in the order they were written.
                assertThat(byPartition.values().stream().flatMap(List::stream)).doesNotHaveDuplicates()
                        .hasSize(1000).doesNotContain(-1);
                byPartition.values().forEach(indexes -> assertThat(indexes).isSorted());
                // and they went through snappy (see MessagingAutoConfiguration), whose native library must load
                assertThat(context.getBean("rosterOutboxTemplate", KafkaTemplate.class).getProducerFactory()
                        .getConfigurationProperties()).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(jdbc.sql("SELECT count(*) FROM relay_it.outbox").query(Long.class).single()).isZero();
                    // 1,000 rows relayed with a vacuum after every 300: three passes of the relay's own.
                    assertThat(jdbc.sql("SELECT vacuum_count FROM pg_stat_user_tables"
                                    + " WHERE schemaname = 'relay_it' AND relname = 'outbox'")
                            .query(Long.class).single()).isEqualTo(3);
                });
            } finally {
                relay.stop();
            }
        }
    }
    /**
     * The relay's poll goes on after the rows it relayed (RelayCursor), but not past a row whose transaction was still
     * running: committed after rows written after it had left, it still leaves before the row written next for its
     * key.
     */
    @Test
    void aRowCommittedAfterLaterRowsLeftStillLeavesBeforeTheRowWrittenAfterItForItsKey() throws Exception {
        Map<String, Object> properties = new HashMap<>(SharedInfrastructure.springProperties());
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.flyway.enabled", "false");
        properties.put("roster.messaging.relay.batch-size", "2");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Glue.class)
                .properties(properties).run()) {
            String schema = "relay_order_it_" + UUID.randomUUID().toString().substring(0, 8);
            MessagingSupport.flyway(context.getBean(DataSource.class), schema, "classpath:db/" + schema).migrate();
            TransactionTemplate transactions = new TransactionTemplate(
                    context.getBean(PlatformTransactionManager.class));
            Outbox outbox = context.getBean(MessagingSupport.class).outbox(schema);
            OutboxRelay relay = context.getBean(MessagingSupport.class).relay(outbox);
            String workspace = "relay-order-it-" + UUID.randomUUID();
            java.util.function.Function<String, Envelope<AccountDeleted>> event = name -> Envelope.of(workspace,
                    "req-" + name, Actor.system("relay-it"), new AccountDeleted(name.substring(0, 1), "p-" + name));

            transactions.executeWithoutResult(status -> outbox.publishAll(List.of(event.apply("a1"),
                    event.apply("b1"))));
            assertThat(relay.relayBatch()).isEqualTo(2);
            // s1 draws the next id and stays uncommitted while the two rows after it are written and relayed
            var written = new java.util.concurrent.CountDownLatch(1);
            var commit = new java.util.concurrent.CountDownLatch(1);
            var slow = java.util.concurrent.CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
                    status -> {
                        outbox.publish(event.apply("s1"));
                        written.countDown();
                        try {
                            commit.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            assertThat(written.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            transactions.executeWithoutResult(status -> outbox.publishAll(List.of(event.apply("a2"),
                    event.apply("b2"))));
            assertThat(relay.relayBatch()).isEqualTo(2);
            commit.countDown();
            slow.get(30, java.util.concurrent.TimeUnit.SECONDS);
            transactions.executeWithoutResult(status -> outbox.publish(event.apply("s2")));
            assertThat(relay.relayBatch()).isEqualTo(2);
            assertThat(relay.relayBatch()).isZero();

            var records = KafkaTestClient.shared().await(Topics.ACCOUNT_EVENTS,
                    r -> r.value().contains(workspace), 5, Duration.ofSeconds(60));
            List<String> ofS = records.stream().filter(r -> r.value().contains("\"accountId\":\"s\""))
                    .sorted(java.util.Comparator.comparingLong(r -> r.offset()))
                    .map(r -> r.value().replaceAll(".*\"pseudonymousId\":\"p-([^\"]+)\".*", "$1")).toList();
            assertThat(ofS).containsExactly("s1", "s2");
            assertThat(context.getBean(JdbcClient.class).sql("SELECT count(*) FROM " + schema + ".outbox")
                    .query(Long.class).single()).isZero();
        }
    }
}
