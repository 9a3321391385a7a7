package org.nipcgateway.core;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of gateway-core may depend on itself through others: each one can be read, tested and
 * moved knowing only the packages below it.
 */
class PackageCycleTest {
  private static final String OPERATION = "org.nipcgateway.core.nipc.operation";
  private static final String CONNECTION = "org.nipcgateway.core.nipc.connection";

  @Test
  void the_core_packages_are_free_of_cycles() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nipcgateway.core");

    slices()
        .matching("org.nipcgateway.core.(**)")
        .should()
        .beFreeOfCycles()
        // Temporary and frozen: nipc.operation and nipc.connection still use each other while
        // they are being rewritten. Only the edges between exactly these two packages are
        // ignored, so a new cycle through any third package still fails. Remove both lines
        // with the rewrite.
        .ignoreDependency(inPackage(OPERATION), inPackage(CONNECTION))
        .ignoreDependency(inPackage(CONNECTION), inPackage(OPERATION))
        .check(core);
  }

  private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> inPackage(String name) {
    return describe("in " + name, c -> c.getPackageName().equals(name));
  }
}
