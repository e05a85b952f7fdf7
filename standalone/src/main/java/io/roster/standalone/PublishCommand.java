package io.roster.standalone;

import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.InvalidMessageException;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code publish [--bootstrap-servers=H:P] [--raw TOPIC] FILE}: sends a message file to Kafka, with the key
 * and topic its type prescribes. The file is checked against the contract first; {@code --raw TOPIC} skips
 * the check and sends the bytes as they are (to see a poison record reach the dead-letter topic).
 */
final class PublishCommand {

    private PublishCommand() {
    }

    static int run(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String rawTopic = null;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--bootstrap-servers=")) {
                bootstrap = args[i].substring("--bootstrap-servers=".length());
            } else if (args[i].equals("--raw") && i + 1 < args.length) {
                rawTopic = args[++i];
            } else {
                file = args[i];
            }
        }
        if (file == null) {
            System.err.println("usage: publish [--bootstrap-servers=HOST:PORT] [--raw TOPIC] FILE");
            return 2;
        }
        String json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        String topic;
        String key;
        if (rawTopic != null) {
            topic = rawTopic;
            key = null;
        } else {
            try {
                Envelope<Payload> envelope = new EnvelopeCodec().read(json);
                topic = MessageType.byName(envelope.type()).orElseThrow().topic();
                key = envelope.key();
            } catch (InvalidMessageException e) {
                System.err.println(file + " is not a valid Roster message: " + e.getMessage());
                System.err.println("(use --raw TOPIC to send it anyway)");
                return 1;
            }
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(topic, key, json)).get();
            System.out.printf("published %s to %s partition %d offset %d (key %s)%n", file, sent.topic(),
                    sent.partition(), sent.offset(), key);
        }
        return 0;
    }
}
