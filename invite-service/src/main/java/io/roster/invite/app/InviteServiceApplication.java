package io.roster.invite.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Runs invite-service alone; its beans come from InviteServiceAutoConfiguration. */
@SpringBootApplication
public class InviteServiceApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(InviteServiceApplication.class)
                .properties("spring.application.name=invite-service", REQUEST_THREADS_PROPERTY + "=" + requestThreads())
                .run(args);
    }

    public static final String REQUEST_THREADS_PROPERTY = "server.tomcat.threads.max";

    /**
     * Default request threads: four per core (at least 8), overridable with {@code SERVER_TOMCAT_THREADS_MAX}.
     * Tomcat's default of 200 lets every concurrent request into PostgreSQL at once; on two cores they then spend
     * their CPU contending (measured with 25 concurrent connections of create-user: PostgreSQL 2.2–3.6 ms of CPU per
     * request and 320–390 requests/s held with 200 threads, 1.4 ms and 500/s held with 8, 382/s with 4).
     */
    public static int requestThreads() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }
}
