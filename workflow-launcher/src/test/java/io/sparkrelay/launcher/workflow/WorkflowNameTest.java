package io.sparkrelay.launcher.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkflowNameTest {

  @Test
  void isTheTriggerAndTenHexDigitsOfTheRunIdsSha256() {
    // `printf run-1 | sha256sum` starts with 4e65d3fbe8
    assertThat(WorkflowName.of("taxi-trip", "run-1")).isEqualTo("taxi-trip-4e65d3fbe8");
  }

  @Test
  void isTheSameForTheSameRunAndDiffersBetweenRuns() {
    assertThat(WorkflowName.of("pi", "a")).isEqualTo(WorkflowName.of("pi", "a"));
    assertThat(WorkflowName.of("pi", "a")).isNotEqualTo(WorkflowName.of("pi", "b"));
  }

  @Test
  void staysAValidNameForLongTriggers() {
    String trigger = "a".repeat(51) + "-b";
    String name = WorkflowName.of(trigger, "run-1");
    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(name).startsWith("a".repeat(51) + "-").doesNotContain("--");
  }
}
