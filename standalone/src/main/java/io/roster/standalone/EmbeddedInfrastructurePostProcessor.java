package io.roster.standalone;

import io.roster.embedded.EmbeddedInfrastructure;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts, before the context, the embedded Kafka, PostgreSQL and SMTP servers that the environment does not
 * point elsewhere: setting {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, {@code SPRING_DATASOURCE_URL} or
 * {@code SPRING_MAIL_HOST} switches that part to an external server. Their data lives under
 * {@code roster.standalone.data-dir}, so it survives a restart. They stop after the context has closed: after the
 * listeners, outbox relays and jobs (lifecycle phases) and the connection pools and producers (destroyed before
 * them), so a normal stop logs no error.
 */
public class EmbeddedInfrastructurePostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("roster.standalone.embedded-infrastructure", Boolean.class, true)) {
            return;
        }
        boolean kafka = !env.containsProperty("spring.kafka.bootstrap-servers");
        boolean postgres = !env.containsProperty("spring.datasource.url");
        boolean mail = !env.containsProperty("spring.mail.host");
        if (!kafka && !postgres && !mail) {
            return;
        }
        Path dataDir = Path.of(env.getProperty("roster.standalone.data-dir", "./data")).toAbsolutePath().normalize();
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(new EmbeddedInfrastructure.Options(
                dataDir, kafka, postgres, mail,
                env.getProperty("roster.standalone.kafka-port", Integer.class, 9092),
                env.getProperty("roster.standalone.postgres-port", Integer.class, 15432),
                env.getProperty("roster.standalone.smtp-port", Integer.class, 3025),
                env.getProperty("roster.standalone.imap-port", Integer.class, 3143)));
        Map<String, Object> properties = new HashMap<>(infrastructure.springProperties());
        if (mail) {
            // Where to read the mail the system sent (IMAP, any password): shown in the start-up log.
            properties.put("roster.standalone.mail.imap-port", infrastructure.mail().imapPort());
        }
        Logger log = LoggerFactory.getLogger(EmbeddedInfrastructurePostProcessor.class);
        log.info("Embedded infrastructure ready (data in {}): {}", dataDir, properties);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                infrastructure.close();
                log.info("Embedded infrastructure stopped (data kept in {})", dataDir);
            }
        };
        env.getPropertySources().addLast(new MapPropertySource("rosterEmbeddedInfrastructure", properties));
        // Should the context never close (a failure before it was prepared), the servers still stop with the JVM:
        // after the contexts have closed, in Spring Boot's own shutdown hook, never beside it.
        SpringApplication.getShutdownHandlers().add(stop);
        application.addListeners(event -> {
            if (event instanceof ApplicationPreparedEvent prepared) {
                // Registered first, so destroyed last: after every consumer and connection pool has stopped.
                ((DefaultListableBeanFactory) prepared.getApplicationContext().getBeanFactory())
                        .registerDisposableBean("rosterEmbeddedInfrastructure", stop::run);
            } else if (event instanceof ApplicationFailedEvent) {
                stop.run();
            }
        });
    }
}
