package io.sparkrelay.submitter.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecDifferenceTest {

  @Test
  void equalTreesHaveNoDifferenceNumbersComparedByValue() {
    assertThat(
            SpecDifference.between(
                "spec",
                Map.of("executor", Map.of("instances", 2), "arguments", List.of("a")),
                Map.of("executor", Map.of("instances", 2L), "arguments", List.of("a"))))
        .isEmpty();
  }

  @Test
  void theFirstDifferingPathIsNamed() {
    assertThat(
            SpecDifference.between(
                "spec",
                Map.of("driver", Map.of("cores", 1), "executor", Map.of("instances", 2)),
                Map.of("driver", Map.of("cores", 1), "executor", Map.of("instances", 3))))
        .contains("spec.executor.instances");
    assertThat(
            SpecDifference.between(
                "spec", Map.of("a", List.of("x")), Map.of("a", List.of("x", "y"))))
        .contains("spec.a");
    assertThat(SpecDifference.between("spec", Map.of("a", List.of("x")), Map.of("a", List.of("z"))))
        .contains("spec.a[0]");
    assertThat(SpecDifference.between("spec", Map.of(), Map.of("deps", Map.of())))
        .contains("spec.deps");
  }
}
