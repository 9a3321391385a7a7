package org.nipcgateway.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of gateway-core may depend on itself through others: each one can be read, tested and
 * moved knowing only the packages below it.
 */
class PackageCycleTest {
  @Test
  void the_core_packages_are_free_of_cycles() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nipcgateway.core");

    slices().matching("org.nipcgateway.core.(**)").should().beFreeOfCycles().check(core);
  }
}
