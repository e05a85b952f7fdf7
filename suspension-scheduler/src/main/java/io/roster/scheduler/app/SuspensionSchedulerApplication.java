package io.roster.scheduler.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Runs suspension-scheduler alone; its beans come from SuspensionSchedulerAutoConfiguration. */
@SpringBootApplication
public class SuspensionSchedulerApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(SuspensionSchedulerApplication.class)
                .properties("spring.application.name=suspension-scheduler").run(args);
    }
}
