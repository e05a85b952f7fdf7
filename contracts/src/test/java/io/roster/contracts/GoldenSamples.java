package io.roster.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The golden sample of each message type ({@code samples/<type>.json}), shipped in the contracts test-jar so
 * producer and consumer tests of every module parse the very same files.
 */
public final class GoldenSamples {

    private GoldenSamples() {
    }

    public static String json(MessageType type) {
        String path = "/samples/" + type.typeName() + ".json";
        try (InputStream in = GoldenSamples.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no golden sample " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Envelope<Payload> envelope(MessageType type) {
        return new EnvelopeCodec().read(json(type));
    }
}
