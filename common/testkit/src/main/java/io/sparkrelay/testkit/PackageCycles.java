package io.sparkrelay.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * Asserts that the packages of a service (its main classes) depend on each other without cycles.
 */
public final class PackageCycles {

  private PackageCycles() {}

  /** Fails naming each cycle among the packages directly under {@code root}. */
  public static void assertNone(String root) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(root);
    SlicesRuleDefinition.slices()
        .matching(root + ".(*)..")
        .should()
        .beFreeOfCycles()
        .check(classes);
  }
}
