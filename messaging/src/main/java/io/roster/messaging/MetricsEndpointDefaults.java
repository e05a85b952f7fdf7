package io.roster.messaging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Every Roster service, run alone or together, answers {@code /actuator/prometheus} (the Kafka clients' metrics
 * included, see {@link KafkaClientMetricsAutoConfiguration}) besides health and info. A default property only:
 * any {@code management.endpoints.web.exposure.include} setting (standalone's application.yaml, an environment
 * variable) replaces it.
 */
public class MetricsEndpointDefaults implements EnvironmentPostProcessor {

    static final String EXPOSURE = "management.endpoints.web.exposure.include";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(Map.of(EXPOSURE, "health,info,prometheus"),
                environment.getPropertySources());
    }
}
