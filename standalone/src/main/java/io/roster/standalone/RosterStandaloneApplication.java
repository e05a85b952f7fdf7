package io.roster.standalone;

import io.roster.invite.app.InviteServiceApplication;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * All four services in one Spring context on one port — a modular monolith — with embedded Kafka, PostgreSQL
 * and SMTP for whatever is not configured externally. {@code publish FILE} sends a sample message instead,
 * {@code consume TOPIC} prints a topic's records, and {@code import ... FILE} imports a Users or Contacts file through
 * the HTTP API of a running Roster.
 */
@SpringBootApplication
public class RosterStandaloneApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && (args[0].equals("publish") || args[0].equals("consume"))) {
            // Spring's logging is not set up for these commands: keep the Kafka clients quiet.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(args[0].equals("publish") ? PublishCommand.run(rest)
                    : ConsumeCommand.run(rest, System.out, System.err));
        }
        SpringApplication application = new SpringApplication(RosterStandaloneApplication.class);
        // the request threads invite-service's main uses too (see there); SERVER_TOMCAT_THREADS_MAX overrides
        application.setDefaultProperties(java.util.Map.of(InviteServiceApplication.REQUEST_THREADS_PROPERTY,
                String.valueOf(InviteServiceApplication.requestThreads())));
        application.run(args);
    }
}
