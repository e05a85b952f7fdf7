package io.roster.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** infra/topics.yaml, the operations' list of topics, has every topic of {@link Topics} and its dead-letter topic. */
class TopicsTest {

    /** Each topic of topics.yaml and its cleanup policy, in the file's layout (see its header). */
    private static Map<String, String> topicsYaml() throws IOException {
        Map<String, String> policies = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(Path.of("../infra/topics.yaml"))) {
            if (line.startsWith("  - name: ")) {
                current = line.substring("  - name: ".length()).strip();
                policies.put(current, "");
            } else if (current != null && line.startsWith("      cleanup.policy: ")) {
                policies.put(current, line.substring("      cleanup.policy: ".length()).strip());
            }
        }
        return policies;
    }

    @Test
    void topicsYamlListsEveryTopicAndItsDeadLetterTopicWithTheirCleanupPolicy() throws IOException {
        Map<String, String> yaml = topicsYaml();
        List<String> expected = new ArrayList<>();
        for (String topic : Topics.ALL) {
            expected.add(topic);
            expected.add(Topics.deadLetter(topic));
            assertThat(yaml.get(topic)).as(topic)
                    .isEqualTo(Topics.COMPACTED.contains(topic) ? "compact" : "delete");
            assertThat(yaml.get(Topics.deadLetter(topic))).as("dead letters are history").isEqualTo("delete");
        }
        assertThat(yaml.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyMessageTypeTravelsOnAKnownTopic() {
        for (MessageType type : MessageType.values()) {
            assertThat(Topics.ALL).as(type.typeName()).contains(type.topic());
        }
    }
}
