package io.roster.benchmarks;

import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decoding cost of the Roster envelope (type lookup, envelope checks, strict payload binding) against raw ceilings
 * in the same run: a plain token scan of the same bytes (what any JSON reading must do at least) and Jackson reading
 * them into a tree. Rates are per second of the measuring thread's CPU (and of the wall clock). Two records: the activity event audit-sink ingests, and the create-user command. Prints
 * {@code name=value unit} lines; {@code decode_vs_scan} is the codec's rate as a share of the scan's.
 *
 * <p>{@code CodecBenchmark [seconds per measure, default 5]}.
 */
public final class CodecBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        EnvelopeCodec codec = new EnvelopeCodec();
        JsonMapper raw = JsonMapper.builder().build();
        for (MessageType type : new MessageType[] {MessageType.ACTIVITY_RECORDED, MessageType.CREATE_USER}) {
            String name = type.name().toLowerCase(java.util.Locale.ROOT);
            // as the codec writes it (compact), which is what travels
            byte[] json = codec.write(codec.read(GoldenSamples.json(type)));
            double scan = measure("baseline.token_scan_" + name, seconds, () -> scan(raw, json));
            measure("baseline.jackson_read_tree_" + name, seconds, () -> raw.readTree(json));
            double decode = measure("roster.codec_read_" + name, seconds, () -> codec.read(json));
            System.out.printf("roster.codec_read_%s_vs_scan=%.1f %%%n", name, 100 * decode / scan);
        }
        var envelope = codec.read(GoldenSamples.json(MessageType.CREATE_USER));
        measure("roster.codec_write_create_user", seconds, () -> codec.write(envelope));
    }

    /** Every token of the record, its texts read: the least any decoding does. */
    private static int scan(JsonMapper mapper, byte[] json) {
        int length = 0;
        try (JsonParser parser = mapper.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME) {
                    length += parser.getString().length();
                }
            }
        }
        return length;
    }

    /**
     * Runs op for the given seconds of this thread's CPU (after as many of warm-up) and prints its rate per second
     * of that CPU, which stays meaningful when other work shares the machine, and per wall-clock second.
     */
    private static double measure(String name, int seconds, Runnable op) {
        run(op, seconds);
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long ops = run(op, seconds);
        double perCpuSecond = ops / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
        System.out.printf("%s=%.0f ops/cpu-s%n", name, perCpuSecond);
        System.out.printf("%s_wall=%.0f ops/s%n", name, ops / ((System.nanoTime() - wall) / 1e9));
        return perCpuSecond;
    }

    private static long run(Runnable op, int seconds) {
        long ops = 0;
        long end = THREADS.getCurrentThreadCpuTime() + seconds * 1_000_000_000L;
        while (THREADS.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 1000; i++) {
                op.run();
            }
            ops += 1000;
        }
        return ops;
    }
}
