package io.roster.testsupport;

import io.roster.embedded.EmbeddedInfrastructure;
import java.util.Map;

/**
 * One real Kafka broker, PostgreSQL server and SMTP server per test JVM, on ports picked at runtime, started on
 * first use and stopped when the JVM exits. Every test class and Spring context of the JVM shares them.
 */
public final class SharedInfrastructure {

    private static EmbeddedInfrastructure instance;

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedInfrastructure get() {
        if (instance == null) {
            instance = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Options.throwaway());
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "shared-infrastructure-stop"));
        }
        return instance;
    }

    public static Map<String, String> springProperties() {
        return get().springProperties();
    }
}
