package io.roster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roster.testsupport.SharedInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./roster consume} against the real broker: what it prints, and that it stops at the end. */
class ConsumeCommandIT {

    private final String bootstrap = SharedInfrastructure.get().kafka().bootstrapServers();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String topic;

    @BeforeEach
    void topic() throws Exception {
        topic = "consume-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
    }

    @Test
    void printsPartitionOffsetKeyHeadersAndTheValueOfEveryRecordFromTheBeginningThenStops() {
        long t = System.currentTimeMillis() - 60_000;
        ProducerRecord<String, byte[]> rejection = new ProducerRecord<>(topic, 0, t, "acme/alan.turing",
                bytes("{\"type\":\"account.request-rejected.v1\",\"payload\":{\"problems\":[{\"field\":\"email\"}]}}"));
        rejection.headers().add(new RecordHeader("roster-type", bytes("account.request-rejected.v1")));
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(topic, 1, t + 1, null,
                bytes("{ \"type\": \"account.create-user.v1\", \"payload\": { \"login\": \"broken\" "));
        poison.headers().add(new RecordHeader("roster-dlt-reason", bytes("not a valid Roster message: broken JSON")));
        poison.headers().add(new RecordHeader("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(42).array()));
        poison.headers().add(new RecordHeader("kafka_dlt-exception-stacktrace",
                bytes("java.lang.IllegalStateException: broken\n\tat somewhere(Somewhere.java:1)\n")));
        send(rejection, poison);

        assertThat(consume("--from-beginning", topic)).isZero();

        assertThat(printed()).contains(
                topic + "  partition 0  offset 0  ",
                "  key:     acme/alan.turing\n",
                "  headers: roster-type: account.request-rejected.v1\n",
                // JSON values are indented, one field a line
                "  value:   {\n",
                "\"type\" : \"account.request-rejected.v1\"",
                topic + "  partition 1  offset 0  ",
                "  key:     (none)\n",
                "  headers: roster-dlt-reason: not a valid Roster message: broken JSON\n",
                "           kafka_dlt-original-offset: 42\n",
                "           kafka_dlt-exception-stacktrace: java.lang.IllegalStateException: broken … (",
                // a value that is not JSON as it is
                "  value:   { \"type\": \"account.create-user.v1\", \"payload\": { \"login\": \"broken\" \n",
                "(2 records; end of " + topic + " reached");
        assertThat(printed()).doesNotContain("Somewhere.java");
    }

    @Test
    void withoutFromBeginningPrintsTheLastTenRecordsByTime() {
        long t = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < 14; i++) {
            // alternating partitions: the last ten are picked across them by time
            send(new ProducerRecord<>(topic, i % 2, t + i, "key-" + i, bytes("{\"n\":" + i + "}")));
        }

        assertThat(consume(topic)).isZero();

        List<String> keys = printed().lines().filter(l -> l.startsWith("  key:")).map(l -> l.substring(11)).toList();
        assertThat(keys).containsExactly("key-4", "key-5", "key-6", "key-7", "key-8", "key-9", "key-10", "key-11",
                "key-12", "key-13");
        assertThat(printed()).contains("(10 records; end of " + topic + " reached");

        out.reset();
        assertThat(consume("--last=2", topic)).isZero();
        assertThat(printed().lines().filter(l -> l.startsWith("  key:")))
                .containsExactly("  key:     key-12", "  key:     key-13");
    }

    @Test
    void anEmptyTopicEndsAtOnceAndAnUnknownOneIsNamed() {
        assertThat(consume(topic)).isZero();
        assertThat(printed()).isEqualTo("(0 records; end of " + topic
                + " reached; --follow waits for new ones)\n");

        assertThat(consume("no-such-topic-" + UUID.randomUUID())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("no topic no-such-topic-").contains(topic);
    }

    @Test
    void followPrintsRecordsPublishedAfterItStarted() throws Exception {
        send(new ProducerRecord<>(topic, 0, "before", bytes("{\"n\":1}")));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread follower = new Thread(() -> exit.complete(consume("--follow", topic)), "consume-follow");
        follower.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> printed().contains("(waiting for new records on "));
        send(new ProducerRecord<>(topic, 1, "after", bytes("{\"n\":2}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> printed().contains("  key:     after"));
        assertThat(printed()).contains("  key:     before").doesNotContain("end of " + topic);

        follower.interrupt(); // as Ctrl-C ends it
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    private int consume(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--bootstrap-servers=" + bootstrap;
        System.arraycopy(args, 0, all, 1, args.length);
        return ConsumeCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private void send(ProducerRecord<String, byte[]>... records) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
