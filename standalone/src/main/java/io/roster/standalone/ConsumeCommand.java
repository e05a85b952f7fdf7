package io.roster.standalone;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code consume [--bootstrap-servers=H:P] [--from-beginning | --last=N] [--follow] TOPIC}: prints a topic's
 * records, each with its partition, offset, time, key, headers and value (JSON indented). By default the last
 * {@value #DEFAULT_LAST} records (by time), so that the answer to what was just published is on screen; with
 * {@code --from-beginning} all of them. It stops at the end of the topic as it was when it started, unless
 * {@code --follow}: then it waits for new records until interrupted (Ctrl-C). It joins no consumer group and
 * commits nothing, so it never takes records from a service.
 */
final class ConsumeCommand {

    static final int DEFAULT_LAST = 10;
    private static final String USAGE =
            "usage: consume [--bootstrap-servers=HOST:PORT] [--from-beginning | --last=N] [--follow] TOPIC";
    /** spring-kafka's dead-letter headers that carry numbers rather than text. */
    private static final Set<String> NUMBER_HEADERS = Set.of(KafkaHeaders.DLT_ORIGINAL_PARTITION,
            KafkaHeaders.DLT_ORIGINAL_OFFSET, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
    private static final int HEADER_MAX = 300;
    private static final String INDENT = "           ";

    private final PrintStream out;
    private final JsonMapper json = JsonMapper.builder().build();

    private ConsumeCommand(PrintStream out) {
        this.out = out;
    }

    /** Where to start reading. */
    private sealed interface Start {
    }

    private record FromBeginning() implements Start {
    }

    private record Last(int count) implements Start {
    }

    /** What to do at the end of the topic. */
    private enum AtEnd { STOP, FOLLOW }

    /** How long the records up to the end may take to arrive before the broker is deemed away. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static int run(String[] args, PrintStream out, PrintStream err) {
        String bootstrap = System.getenv().getOrDefault("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        Start start = new Last(DEFAULT_LAST);
        AtEnd atEnd = AtEnd.STOP;
        String topic = null;
        for (String arg : args) {
            if (arg.startsWith("--bootstrap-servers=")) {
                bootstrap = arg.substring("--bootstrap-servers=".length());
            } else if (arg.equals("--from-beginning")) {
                start = new FromBeginning();
            } else if (arg.startsWith("--last=") && arg.substring("--last=".length()).matches("\\d{1,9}")) {
                start = new Last(Integer.parseInt(arg.substring("--last=".length())));
            } else if (arg.equals("--follow")) {
                atEnd = AtEnd.FOLLOW;
            } else if (!arg.startsWith("--") && topic == null) {
                topic = arg;
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (topic == null) {
            err.println(USAGE);
            return 2;
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            if (partitions == null || partitions.isEmpty()) {
                err.println("no topic " + topic + " on " + bootstrap + "; topics: "
                        + String.join(", ", consumer.listTopics().keySet().stream().sorted().toList()));
                return 1;
            }
            return new ConsumeCommand(out).consume(consumer, topic, partitions, start, atEnd);
        }
    }

    private int consume(KafkaConsumer<String, byte[]> consumer, String topic, List<PartitionInfo> partitions,
            Start start, AtEnd atEnd) {
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(assigned);
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
        for (TopicPartition partition : assigned) {
            long from = beginning.get(partition);
            if (start instanceof Last last) {
                from = Math.max(from, end.get(partition) - last.count());
            }
            consumer.seek(partition, from);
        }
        // Up to the end as it is now: the last N are picked across partitions by time once all are read.
        List<ConsumerRecord<String, byte[]>> backlog = new ArrayList<>();
        Map<TopicPartition, Long> remaining = new HashMap<>(end);
        remaining.keySet().removeIf(p -> consumer.position(p) >= end.get(p));
        int printed = 0;
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (!remaining.isEmpty()) {
            if (System.nanoTime() > giveUpAt) {
                out.println("(no record came for " + PATIENCE.toSeconds() + " s before the end of " + topic
                        + " was reached: is Kafka up?)");
                return 1;
            }
            var records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                giveUpAt = System.nanoTime() + PATIENCE.toNanos();
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                if (start instanceof Last) {
                    backlog.add(record);
                } else {
                    print(record);
                    printed++;
                }
            }
            remaining.keySet().removeIf(p -> consumer.position(p) >= end.get(p));
        }
        if (start instanceof Last last) {
            backlog.sort(Comparator.comparingLong(ConsumerRecord<String, byte[]>::timestamp));
            for (ConsumerRecord<String, byte[]> record
                    : backlog.subList(Math.max(0, backlog.size() - last.count()), backlog.size())) {
                print(record);
                printed++;
            }
        }
        if (atEnd == AtEnd.STOP) {
            out.println("(" + printed + (printed == 1 ? " record" : " records") + "; end of " + topic
                    + " reached; --follow waits for new ones)");
            return 0;
        }
        out.println("(waiting for new records on " + topic + "; Ctrl-C stops)");
        out.flush();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                consumer.poll(Duration.ofMillis(500)).forEach(this::print);
                out.flush();
            }
        } catch (InterruptException stopped) {
            // The end of --follow. Kafka set the thread's interrupt flag again, which would break close(): the
            // command ends here, and with it the thread that asked.
            Thread.interrupted();
        }
        return 0;
    }

    private void print(ConsumerRecord<String, byte[]> record) {
        out.println(record.topic() + "  partition " + record.partition() + "  offset " + record.offset() + "  "
                + Instant.ofEpochMilli(record.timestamp()));
        out.println("  key:     " + (record.key() == null ? "(none)" : record.key()));
        String label = "  headers: ";
        for (Header header : record.headers()) {
            out.println(label + header.key() + ": " + headerValue(header));
            label = INDENT;
        }
        if (label.startsWith("  headers")) {
            out.println("  headers: (none)");
        }
        out.println("  value:   " + indented(value(record.value())));
        out.println();
    }

    private static String headerValue(Header header) {
        byte[] bytes = header.value();
        if (bytes == null) {
            return "(null)";
        }
        if (NUMBER_HEADERS.contains(header.key()) && (bytes.length == 4 || bytes.length == 8)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return String.valueOf(bytes.length == 4 ? buffer.getInt() : buffer.getLong());
        }
        String text = text(bytes);
        if (text == null) {
            return "(" + bytes.length + " bytes, not text)";
        }
        // a stack trace header is long: its first line says what it is
        String firstLine = text.lines().findFirst().orElse("");
        boolean cut = firstLine.length() < text.length() || firstLine.length() > HEADER_MAX;
        return cut ? firstLine.substring(0, Math.min(firstLine.length(), HEADER_MAX)) + " … (" + text.length()
                + " characters)" : text;
    }

    private String value(byte[] bytes) {
        if (bytes == null) {
            return "(null)";
        }
        String text = text(bytes);
        if (text == null) {
            return "(" + bytes.length + " bytes, not text)";
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text));
        } catch (JacksonException notJson) {
            return text; // shown as it is: a poison record is what one wants to see here
        }
    }

    private static String indented(String text) {
        return text.replace("\n", "\n" + INDENT);
    }

    /** The bytes as UTF-8 text, or null when they are not. */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
