package io.roster.importer.apply;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.MessageType;
import io.roster.contracts.account.CreateCommandWriter;
import io.roster.messaging.EnvelopeSerializer;
import io.roster.messaging.MessagingProperties;
import io.roster.messaging.SendRefusal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a slice's create commands to {@code roster.account.requests} with the outbox relay's producer (idempotent,
 * acks from all in-sync replicas) and waits until the broker has acknowledged every one: only then does the slice's
 * checkpoint move. The job's stored rows and that checkpoint are the commands' outbox — committed before any is sent,
 * advanced once they are acknowledged — so the commands are not written to, read from and deleted from the service's
 * outbox table on top (2 KB of WAL and three statements a row). A crash between the acknowledgements and the
 * checkpoint sends the slice again under the same request ids and payloads, which invite-service answers as
 * repeated: at least once, as the relay, with one effect.
 *
 * <p>Each command is built, encoded and handed to the producer in turn, and only its acknowledgement kept: a slice's
 * thousands of envelopes and their JSON are never all alive at once, so the young collections of a worker at
 * {@code -Xmx256m} do not copy them while the slice waits for its acknowledgements. The values are the codec's
 * UTF-8 bytes as they are (not a String encoded again by the producer), written by {@link CreateCommandWriter} —
 * the codec's bytes in one pass, without Jackson's serializers (two fifths of this thread's CPU while applying).
 */
@Component("importerCommandSender")
public class CommandSender {

    /** Each type's header value, made once: Kafka only reads a header's bytes. */
    private static final Map<MessageType, byte[]> TYPE_HEADERS = typeHeaders();

    private final KafkaTemplate<String, byte[]> kafka;
    private final EnvelopeCodec codec;
    private final Duration timeout;

    CommandSender(@Qualifier("rosterEncodedTemplate") KafkaTemplate<String, byte[]> kafka, EnvelopeCodec codec,
            MessagingProperties properties) {
        this.kafka = kafka;
        this.codec = codec;
        this.timeout = properties.relay().sendTimeout();
    }

    /**
     * Sends the commands {@code command} builds from their index, {@code 0..count-1}, one at a time, and waits for
     * the acknowledgements.
     *
     * @return the commands the producer refused for good (too large...), by index, with the reason: they would be
     *     refused however often sent, so their rows fail rather than block the job
     * @throws IllegalStateException when any other command went unacknowledged: the slice is sent again later
     */
    public Map<Integer, String> sendAll(int count, IntFunction<? extends Envelope<?>> command) {
        List<CompletableFuture<?>> acks = new ArrayList<>(count);
        // one a slice: its buffer is reused from command to command
        CreateCommandWriter writer = new CreateCommandWriter(codec);
        for (int i = 0; i < count; i++) {
            acks.add(send(command.apply(i), writer));
        }
        kafka.flush();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .handle((ignored, failure) -> null)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commands' acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            // unanswered sends count as unacknowledged below
        }
        Map<Integer, String> refused = new LinkedHashMap<>();
        for (int i = 0; i < acks.size(); i++) {
            Throwable failure = failureOf(acks.get(i));
            if (failure == null) {
                continue;
            }
            if (!SendRefusal.isFinal(failure)) {
                throw new IllegalStateException("Kafka did not acknowledge the slice's commands", failure);
            }
            refused.put(i, SendRefusal.reason(failure));
        }
        return refused;
    }

    private CompletableFuture<?> send(Envelope<?> command, CreateCommandWriter writer) {
        try {
            MessageType type = MessageType.byName(command.type()).orElseThrow();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), command.key(),
                    writer.write(command));
            record.headers().add(EnvelopeSerializer.TYPE_HEADER, TYPE_HEADERS.get(type));
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Map<MessageType, byte[]> typeHeaders() {
        Map<MessageType, byte[]> headers = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            headers.put(type, type.typeName().getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private Throwable failureOf(CompletableFuture<?> ack) {
        if (!ack.isDone()) {
            return new TimeoutException("no acknowledgement within " + timeout);
        }
        try {
            ack.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }
}
