package io.roster.importer.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Runs import-worker alone; its beans come from ImportWorkerAutoConfiguration. */
@SpringBootApplication
public class ImportWorkerApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(ImportWorkerApplication.class)
                .properties("spring.application.name=import-worker").run(args);
    }
}
