package io.roster.invite;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * invite-service's packages depend on each other one way only: features on the command pipeline and on the packages
 * below them, never in a circle — a circle would mean a package that cannot be understood, or changed, on its own.
 */
class PackageCyclesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.roster.invite");

    @Test
    void invitePackagesAreFreeOfCycles() {
        slices().matching("io.roster.invite.(*)..").should().beFreeOfCycles().check(classes);
    }
}
