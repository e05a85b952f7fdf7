package io.roster.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One line when Roster accepts traffic, with where to find everything. The HTTP port opens, and every health
 * component is UP, a few seconds before start-up has finished; until then readiness (and so {@code /actuator/health})
 * says OUT_OF_SERVICE. This line comes with the switch to ready.
 */
@Component
class ReadyAnnouncement implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

    static final String PREFIX = "Roster is ready: ";
    private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncement.class);

    private boolean announced;

    @Override
    public synchronized void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        if (announced || event.getState() != ReadinessState.ACCEPTING_TRAFFIC
                || !(event.getSource() instanceof ApplicationContext context)) {
            return;
        }
        announced = true;
        log.info(PREFIX + line(context));
    }

    static String line(ApplicationContext context) {
        Environment env = context.getEnvironment();
        StringBuilder line = new StringBuilder();
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String http = "http://localhost:" + web.getWebServer().getPort();
            line.append("API ").append(http).append("/api/v1, OpenAPI ").append(http).append("/v3/api-docs, Swagger UI ")
                    .append(http).append("/swagger-ui.html, Actuator ").append(http).append("/actuator");
        }
        append(line, "Kafka ", env.getProperty("spring.kafka.bootstrap-servers"));
        String imapPort = env.getProperty("roster.standalone.mail.imap-port");
        append(line, "IMAP ", imapPort == null ? null : "imap://localhost:" + imapPort + " (any password)");
        return line.toString();
    }

    private static void append(StringBuilder line, String label, String value) {
        if (value != null) {
            line.append(line.isEmpty() ? "" : ", ").append(label).append(value);
        }
    }
}
