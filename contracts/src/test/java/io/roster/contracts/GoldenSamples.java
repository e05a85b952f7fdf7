package io.roster.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The golden sample of each message type ({@code samples/<type>.json}), shipped in the contracts test-jar so
 * producer and consumer tests of every module parse the very same files. Each sample validates against its
 * schema ({@code schemas/<type>.schema.json}); see {@code GoldenSamplesTest}. Use from another module with
 * <pre>{@code
 * <dependency>
 *   <groupId>io.roster</groupId><artifactId>contracts</artifactId><version>${project.version}</version>
 *   <type>test-jar</type><scope>test</scope>
 * </dependency>
 * }</pre>
 */
public final class GoldenSamples {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private GoldenSamples() {
    }

    /** The sample's exact text. */
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

    /** The sample decoded by {@link EnvelopeCodec}; its payload is an instance of {@code type.payloadClass()}. */
    public static Envelope<Payload> envelope(MessageType type) {
        return CODEC.read(json(type));
    }
}
