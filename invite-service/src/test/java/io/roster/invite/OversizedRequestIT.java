package io.roster.invite;

import static org.assertj.core.api.Assertions.assertThat;

import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Topics;
import io.roster.contracts.account.AccountRequestRejected;
import io.roster.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The hostile sender's oversized command: a gzip-compressed create-user whose mailLanguage is 1.2 million
 * characters (a few KB on the wire). Its rejection used to quote the value whole, an event over the producer's
 * 1 MB limit that the outbox relay retried forever: no event for any workspace from then on.
 */
@InviteServiceIntegrationTest
class OversizedRequestIT extends InviteServiceTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void anOversizedValueIsRejectedInFewWordsAndOtherWorkspacesEventsKeepFlowing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String hostile = "oversized-" + run;
        String next = "after-oversized-" + run;
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 20 * 1024 * 1024), new StringSerializer(),
                new ByteArraySerializer())) {
            String huge = createUser("acme", hostile, "huge." + run).replaceFirst("\"mailLanguage\"\\s*:\\s*\"en\"",
                    "\"mailLanguage\": \"" + "x".repeat(1_200_000) + "\"");
            assertThat(huge.length()).isGreaterThan(1_200_000);
            producer.send(new ProducerRecord<>(Topics.ACCOUNT_REQUESTS, "acme/huge." + run,
                    huge.getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.ACCOUNT_REQUESTS, "other/after." + run,
                    createUser("other", next, "after." + run).getBytes(StandardCharsets.UTF_8))).get();
        }

        var rejection = kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + hostile + "\""), 1, WAIT)
                .get(0);
        assertThat(rejection.value().length()).isLessThan(2_000);
        AccountRequestRejected rejected = (AccountRequestRejected) codec.read(rejection.value()).payload();
        assertThat(rejected.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("mailLanguage");
            assertThat(problem.message()).endsWith("…' (1200000 characters))");
        });
        var created = kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + next + "\""), 1, WAIT).get(0);
        assertThat(codec.read(created.value()).type()).isEqualTo("account.created.v1");
        assertThat(jdbc.sql("SELECT count(*) FROM invite.outbox_parked").query(Long.class).single()).isZero();
    }

    /** The golden create-user sample with its own ids, login and address. */
    private static String createUser(String workspace, String requestId, String login) {
        return GoldenSamples.json(MessageType.CREATE_USER)
                .replaceFirst("\"eventId\"\\s*:\\s*\"[^\"]*\"", "\"eventId\": \"" + UUID.randomUUID() + "\"")
                .replaceFirst("\"workspaceId\"\\s*:\\s*\"[^\"]*\"", "\"workspaceId\": \"" + workspace + "\"")
                .replaceFirst("\"requestId\"\\s*:\\s*\"[^\"]*\"", "\"requestId\": \"" + requestId + "\"")
                .replaceFirst("\"login\"\\s*:\\s*\"[^\"]*\"", "\"login\": \"" + login + "\"")
                .replaceFirst("\"email\"\\s*:\\s*\"[^\"]*\"", "\"email\": \"" + login + "@acme.example\"");
    }
}
