package io.roster.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test's Spring context at the JVM's shared Kafka, PostgreSQL and SMTP, through the same standard
 * properties a deployment sets ({@code spring.kafka.bootstrap-servers}, {@code spring.datasource.url}, ...).
 * Use with {@code @ContextConfiguration(initializers = SharedInfrastructureInitializer.class)}.
 */
public class SharedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("rosterSharedInfrastructure",
                        new java.util.HashMap<>(SharedInfrastructure.get().springProperties())));
    }
}
