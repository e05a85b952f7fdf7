package io.roster.messaging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Ranks the outbox's DEGRADED status (see {@link ParkedRowsHealthIndicator}) between OUT_OF_SERVICE and UP. Spring
 * Boot leaves a status out of its order out of the aggregate altogether: {@code /actuator/health} would say UP
 * with parked rows. A default property, so that {@code management.endpoint.health.status.order} still overrides.
 */
public class HealthStatusOrder implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(Map.of("management.endpoint.health.status.order",
                        "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN"), environment.getPropertySources());
    }
}
