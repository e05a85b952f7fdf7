package io.roster.benchmarks;

import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decoding cost of the Roster envelope (type lookup, envelope checks, strict payload binding) against a raw
 * baseline in the same run: Jackson reading the same bytes into a tree. Prints {@code name=value unit} lines.
 */
public final class CodecBenchmark {

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        byte[] json = GoldenSamples.json(MessageType.CREATE_USER).getBytes(StandardCharsets.UTF_8);
        EnvelopeCodec codec = new EnvelopeCodec();
        JsonMapper raw = JsonMapper.builder().build();

        measure("baseline.jackson_read_tree", seconds, () -> raw.readTree(json));
        measure("roster.codec_read_create_user", seconds, () -> codec.read(json));
        var envelope = codec.read(json);
        measure("roster.codec_write_create_user", seconds, () -> codec.write(envelope));
    }

    private static void measure(String name, int seconds, Runnable op) {
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            op.run();
        }
        long ops = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                op.run();
            }
            ops += 1000;
        }
        double perSecond = ops / ((System.nanoTime() - start) / 1e9);
        System.out.printf("%s=%.0f ops/s%n", name, perSecond);
    }
}
