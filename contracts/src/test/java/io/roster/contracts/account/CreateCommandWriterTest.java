package io.roster.contracts.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.contracts.Actor;
import io.roster.contracts.Envelope;
import io.roster.contracts.EnvelopeCodec;
import io.roster.contracts.GoldenSamples;
import io.roster.contracts.MessageType;
import io.roster.contracts.Payload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The writer's bytes are the codec's, byte for byte, whatever the command holds. */
class CreateCommandWriterTest {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private final CreateCommandWriter writer = new CreateCommandWriter(CODEC);

    @Test
    void theGoldenSamplesAreWrittenAsTheCodecWritesThem() {
        for (MessageType type : List.of(MessageType.CREATE_USER, MessageType.CREATE_CONTACT)) {
            Envelope<Payload> sample = GoldenSamples.envelope(type);
            byte[] written = writer.write(sample);
            assertThat(new String(written, StandardCharsets.UTF_8))
                    .isEqualTo(new String(CODEC.write(sample), StandardCharsets.UTF_8));
            assertThat(CODEC.read(written)).isEqualTo(sample);
        }
    }

    @Test
    void commandsWithEveryFieldNullOrEveryFieldSetAreTheCodecs() {
        assertSameAsCodec(envelope(new CreateUser(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null), new Actor(null, null, null)));
        assertSameAsCodec(envelope(new CreateContact(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null), null));
        assertSameAsCodec(envelope(user(i -> "v" + i, true, List.of("a", "b", "c"), 1440),
                new Actor(Actor.Kind.IMPORT, UUID.randomUUID().toString(), "2001:db8::1")));
        assertSameAsCodec(envelope(user(i -> "", false, List.of(), 0), new Actor(Actor.Kind.ADMIN, "", "")));
        assertSameAsCodec(envelope(user(i -> "x", false, Arrays.asList("a", null), -5), null));
    }

    @Test
    void textsOfEveryKindOfCharacterAreTheCodecs() {
        // quotes, backslashes, slashes, DEL, two-, three- and four-byte UTF-8, line separators; control characters
        // and lone surrogates are the codec's to write (or to refuse) and must come out as the codec has them
        String[] texts = {"a\"b\\c/d", "\u007f", "é ü ß", "€ 漢字", "😀 𝄞", "\u2028\u2029", "tab\there", "new\nline",
                "\u0000\u001f", "lone \ud800 high", "lone \udc00 low", "ends high \ud83d", "<script>&amp;'"};
        for (String text : texts) {
            Envelope<CreateUser> e = envelope(user(i -> i % 2 == 0 ? text : "plain", null, List.of(text), null),
                    new Actor(Actor.Kind.IMPORT, text, null));
            assertSameAsCodec(e);
        }
    }

    @Test
    void randomTextsAreTheCodecs() {
        Random random = new Random(19);
        char[] alphabet = "aZ09 .@-_'\"\\/\u00e9\u00ff\u0100\u07ff\u0800\uffef\t\n\u0001".toCharArray();
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(alphabet.length + 1);
                if (pick == alphabet.length) {
                    text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                } else {
                    text.append(alphabet[pick]);
                }
            }
            String value = text.toString();
            int at = round % 24;
            assertSameAsCodec(envelope(user(i -> i == at ? value : "cell" + i, round % 3 == 0,
                    null, null), new Actor(Actor.Kind.IMPORT, "job", null)));
            assertSameAsCodec(envelope(contact(value), new Actor(Actor.Kind.IMPORT, "job", "10.0.0.1")));
        }
    }

    @Test
    void aLongCommandGrowsTheBufferAndTheNextIsWrittenAsWell() {
        String biography = "é".repeat(20_000);
        assertSameAsCodec(envelope(user(i -> i == 19 ? biography : "x", true, null, null), null));
        assertSameAsCodec(GoldenSamples.envelope(MessageType.CREATE_USER));
    }

    @Test
    void anyOtherMessageIsTheCodecsOwn() {
        Envelope<Payload> created = GoldenSamples.envelope(MessageType.ACCOUNT_CREATED);
        assertThat(writer.write(created)).isEqualTo(CODEC.write(created));
    }

    @Test
    void aTextTheCodecRefusesIsRefusedAsByTheCodec() {
        Envelope<CreateUser> e = envelope(user(i -> "lone \ud800", null, null, null), null);
        Throwable byCodec = catchThrowable(() -> CODEC.write(e));
        if (byCodec == null) {
            assertSameAsCodec(e);
        } else {
            assertThatThrownBy(() -> writer.write(e)).isInstanceOf(byCodec.getClass());
        }
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void assertSameAsCodec(Envelope<?> envelope) {
        byte[] expected = CODEC.write(envelope);
        byte[] written = writer.write(envelope);
        assertThat(written).as(new String(expected, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    private static <P extends Payload> Envelope<P> envelope(P payload, Actor actor) {
        return new Envelope<>(UUID.randomUUID(), MessageType.of(payload).typeName(),
                Instant.parse("2026-12-05T16:31:07.123456Z"), "acme", "req-" + UUID.randomUUID(), actor, payload);
    }

    private interface Texts {
        String at(int index);
    }

    private static CreateUser user(Texts t, Boolean flag, List<String> buckets, Integer idle) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            v.add(t.at(i));
        }
        return new CreateUser(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7),
                v.get(8), flag, v.get(9), v.get(10), v.get(11), v.get(12), v.get(13), v.get(14), v.get(15),
                v.get(16), v.get(17), v.get(18), v.get(19), flag == null ? null : !flag, v.get(20), flag, flag,
                flag, v.get(21), buckets, idle);
    }

    private static CreateContact contact(String text) {
        return new CreateContact("owner", text, null, text, "e@x.example", "First", text, "ACTIVE", "fr", null,
                Boolean.TRUE, text, null, "f", "NONE", text, null, "75008", "France", null, text, null,
                Boolean.FALSE);
    }
}
