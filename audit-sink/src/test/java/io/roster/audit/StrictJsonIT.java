package io.roster.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roster.audit.app.AuditSinkApplication;
import io.roster.testsupport.SharedInfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * audit-sink run alone reads JSON bodies with the mapper Spring MVC uses, as strictly as Kafka records: it has no
 * endpoint that takes a body yet, so the mapper itself is what is checked.
 */
@SpringBootTest(classes = AuditSinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class StrictJsonIT {

    record Body(Boolean flag, String name) {
    }

    @Autowired
    JsonMapper json;

    @Test
    void noValueIsCoercedAndNoUnknownFieldIgnored() {
        assertThat(json.readValue("{\"flag\": true, \"name\": \"x\"}", Body.class)).isEqualTo(new Body(true, "x"));
        assertThatThrownBy(() -> json.readValue("{\"flag\": \"true\"}", Body.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining("flag");
        assertThatThrownBy(() -> json.readValue("{\"name\": 5}", Body.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> json.readValue("{\"nickname\": \"x\"}", Body.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }
}
