package io.roster.invite.app;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs invite-service alone; its beans come from InviteServiceAutoConfiguration. */
@SpringBootApplication
public class InviteServiceApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(InviteServiceApplication.class)
                .properties("spring.application.name=invite-service").run(args);
    }
}
