package io.sparkrelay.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SparkApplication's name, as the submitter derives it from the Workflow's and the step's. */
class RunNamesApplicationTest {

  @Test
  void submitPrefixOfTheStepIsDropped() {
    assertThat(RunNames.application("taxi-3f2a9c01de", "submit-spark"))
        .isEqualTo("taxi-3f2a9c01de-spark");
    assertThat(RunNames.application("taxi-3f2a9c01de", "etl")).isEqualTo("taxi-3f2a9c01de-etl");
  }

  @Test
  void longWorkflowNamesLoseTheirFrontNotTheirHash() {
    String workflow = "a".repeat(52) + "-3f2a9c01de"; // 63 characters, as long as allowed
    String name = RunNames.application(workflow, "submit-spark");

    assertThat(name).hasSize(63).endsWith("-3f2a9c01de-spark").startsWith("aaaa");
    assertThat(KubernetesNames.isDnsLabel(name)).isTrue();
  }

  @Test
  void noDashIsLeftDanglingWhereTheNameWasCut() {
    String workflow = "x" + "ab-".repeat(17) + "3f2a9c01de"; // the cut falls after a dash
    String name = RunNames.application(workflow, "submit-spark");

    assertThat(KubernetesNames.isDnsLabel(name)).isTrue();
    assertThat(name).endsWith("-3f2a9c01de-spark").doesNotContain("--");
  }
}
