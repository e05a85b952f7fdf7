package io.roster.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The services share only contracts and the libraries messaging and admin-access: no code, no tables of each other. */
class ServiceBoundariesTest {

    private static final Map<String, String> SERVICE_PACKAGES = Map.of(
            "invite-service", "io.roster.invite..",
            "import-worker", "io.roster.importer..",
            "suspension-scheduler", "io.roster.scheduler..",
            "audit-sink", "io.roster.audit..");
    private static final Map<String, String> SERVICE_SCHEMAS = Map.of(
            "invite-service", "invite",
            "import-worker", "importer",
            "suspension-scheduler", "scheduler",
            "audit-sink", "audit");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.roster");

    @Test
    void servicesDoNotUseEachOthersCode() {
        SERVICE_PACKAGES.forEach((service, pkg) -> SERVICE_PACKAGES.forEach((other, otherPkg) -> {
            if (!service.equals(other)) {
                noClasses().that().resideInAPackage(pkg).should().dependOnClassesThat().resideInAPackage(otherPkg)
                        .because(service + " and " + other + " talk only over Kafka").check(classes);
            }
        }));
    }

    @Test
    void contractsAndLibrariesDependOnNoService() {
        noClasses().that().resideInAnyPackage("io.roster.contracts..", "io.roster.messaging..", "io.roster.adminaccess..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICE_PACKAGES.values().toArray(String[]::new))
                .check(classes);
        noClasses().that().resideInAPackage("io.roster.contracts..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("contracts is the published contract, usable without Spring").check(classes);
    }

    @Test
    void servicesTouchOnlyTheirOwnSchema() throws IOException {
        for (String service : SERVICE_SCHEMAS.keySet()) {
            List<Path> sources;
            try (Stream<Path> files = Files.walk(Path.of("..", service, "src", "main"))) {
                sources = files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".sql")).toList();
            }
            assertThat(sources).isNotEmpty();
            for (Path source : sources) {
                String text = Files.readString(source);
                SERVICE_SCHEMAS.forEach((other, schema) -> {
                    if (!other.equals(service)) {
                        assertThat(text).as("%s must not use schema %s of %s", source, schema, other)
                                .doesNotContainPattern("(?i)\\b" + schema + "\\.[a-z_]+");
                    }
                });
            }
        }
    }
}
