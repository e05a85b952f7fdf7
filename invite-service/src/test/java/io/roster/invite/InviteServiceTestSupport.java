package io.roster.invite;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.Payload;
import io.roster.contracts.Topics;
import io.roster.invite.ApiClient.Response;
import io.roster.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the invite-service integration tests share: HTTP calls to the service on its random port, the database, and
 * a Kafka client on the JVM's shared broker (one per test class).
 */
abstract class InviteServiceTestSupport {

    /** How long a test waits for what the service does asynchronously (a loaded machine is slow, not broken). */
    static final Duration WAIT = Duration.ofSeconds(30);
    static final EnvelopeCodec CODEC = new EnvelopeCodec();

    static KafkaTestClient kafka;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void connectKafka() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    Response call(String method, String path, String auth, String body) {
        return new ApiClient(port).call(method, path, auth, body);
    }

    Response call(String method, String path, String auth, String body, Map<String, String> headers) {
        return new ApiClient(port).call(method, path, auth, body, headers);
    }

    /** The first {@code count} events of {@code roster.account.events} that answer the request, decoded. */
    static List<Envelope<Payload>> eventsAnswering(String requestId, int count) {
        return kafka.await(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + requestId + "\""), count, WAIT)
                .stream().map(r -> CODEC.read(r.value())).toList();
    }
}
