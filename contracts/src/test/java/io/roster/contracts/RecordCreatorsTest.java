package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** Records made through {@link RecordCreators} are Jackson's own: the same values, the same refusals. */
class RecordCreatorsTest {

    private static final JsonMapper JACKSONS = StrictJson.configure(JsonMapper.builder()).build();
    private static final JsonMapper OURS = StrictJson.configure(JsonMapper.builder())
            .addModule(new SimpleModule("creators").setValueInstantiators(new RecordCreators())).build();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyPayloadIsTheSame(MessageType type) {
        String payload = JACKSONS.readTree(GoldenSamples.json(type)).get("payload").toString();
        Object expected = JACKSONS.readValue(payload, type.payloadClass());
        assertThat(OURS.readValue(payload, type.payloadClass())).isEqualTo(expected);
    }

    @Test
    void aRecordRefusingItsValuesIsRefusedAsJacksonRefusesIt() {
        String json = "{\"name\":\"\",\"count\":3}";
        Throwable ours = catchThrowable(() -> OURS.readValue(json, Checked.class));
        Throwable jacksons = catchThrowable(() -> JACKSONS.readValue(json, Checked.class));
        assertThat(ours).isNotNull().hasSameClassAs(jacksons).hasMessage(jacksons.getMessage());
        assertThat(ours.getCause()).hasSameClassAs(jacksons.getCause()).hasMessage(jacksons.getCause().getMessage());
    }

    @Test
    void aMissingPrimitiveIsRefusedAlike() {
        assertSameRefusal(OURS.readerFor(Checked.class), JACKSONS.readerFor(Checked.class), "{\"name\":\"a\"}");
        var missing = DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES;
        assertSameRefusal(OURS.readerFor(Checked.class).with(missing),
                JACKSONS.readerFor(Checked.class).with(missing), "{\"count\":1}");
    }

    private static void assertSameRefusal(ObjectReader ours, ObjectReader jacksons, String json) {
        Throwable refusal = catchThrowable(() -> ours.readValue(json));
        Throwable expected = catchThrowable(() -> jacksons.readValue(json));
        assertThat(refusal).isNotNull().hasSameClassAs(expected).hasMessage(expected.getMessage());
    }

    @Test
    void nestedRecordsAndListsAreTheSame() {
        String json = "{\"items\":[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2}],\"label\":null}";
        assertThat(OURS.readValue(json, Nested.class)).isEqualTo(JACKSONS.readValue(json, Nested.class))
                .isEqualTo(new Nested(List.of(new Checked("a", 1), new Checked("b", 2)), null));
    }

    public record Checked(String name, int count) {

        public Checked {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("name must not be empty");
            }
        }
    }

    public record Nested(List<Checked> items, String label) {
    }
}
