package io.sparkrelay.reporter;

import io.sparkrelay.testkit.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    PackageCycles.assertNone("io.sparkrelay.reporter");
  }
}
