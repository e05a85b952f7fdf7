package io.roster.audit.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Runs audit-sink alone; its beans come from AuditSinkAutoConfiguration. */
@SpringBootApplication
public class AuditSinkApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(AuditSinkApplication.class).properties("spring.application.name=audit-sink")
                .run(args);
    }
}
