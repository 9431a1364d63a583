package io.sparkrelay.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Workflow's name ({@link RunNames#workflow}), moved here from the launcher's WorkflowNameTest.
 * Names written out once for fixed inputs: the hash digits are the first ten of {@code printf %s
 * <run id> | sha256sum} (run-1: 4e65d3fbe8, run-2: b9d17232a4, the UUID below: c812e1edb6), not
 * computed here the way the code computes them.
 */
class RunNamesTest {

  private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String UUID_RUN = "0f8fad5b-d9cb-469f-a165-70867728950e";

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "taxi-trip, run-1, taxi-trip-4e65d3fbe8",
    "taxi-trip, run-2, taxi-trip-b9d17232a4",
    "pi, run-1, pi-4e65d3fbe8",
    "pi, 0f8fad5b-d9cb-469f-a165-70867728950e, pi-c812e1edb6",
    // upper case is lowered: the name must be a DNS-1123 label
    "Taxi-Trip, run-1, taxi-trip-4e65d3fbe8",
    // 52 characters is the room left beside '-' and ten digits: kept whole, 63 in all
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, run-1,"
        + " aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-4e65d3fbe8",
    // 60 characters: cut to 52
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb, run-1,"
        + " bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-4e65d3fbe8",
    // cut to 52 it would end in '-': the hyphen goes too, so no '--' before the digits (62 long)
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b, run-1,"
        + " aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-4e65d3fbe8",
    // a trigger ending in hyphens loses them
    "pi--, run-1, pi-4e65d3fbe8"
  })
  void isTheTriggerAndTenHexDigitsOfTheRunIdsSha256(String trigger, String runId, String name) {
    assertThat(RunNames.workflow(trigger, runId)).isEqualTo(name);
  }

  @Test
  void everyNameIsADns1123LabelOfAtMost63Characters() {
    List<String> triggers =
        List.of("pi", "Taxi-Trip", "a".repeat(52), "b".repeat(60), "a".repeat(51) + "-b", "pi--");
    for (String trigger : triggers) {
      for (String runId : List.of("run-1", "run-2", UUID_RUN, "")) {
        assertThat(RunNames.workflow(trigger, runId))
            .as(trigger + " + " + runId)
            .hasSizeLessThanOrEqualTo(63)
            .matches(DNS_1123_LABEL)
            .doesNotContain("--");
      }
    }
  }

  @Test
  void isTheSameForTheSameRunAndDiffersBetweenRuns() {
    // the same event gets the same name each time it is delivered (a second create answers 409)
    assertThat(RunNames.workflow("pi", "run-1")).isEqualTo("pi-4e65d3fbe8");
    assertThat(RunNames.workflow("pi", "run-1")).isEqualTo("pi-4e65d3fbe8");
    assertThat(RunNames.workflow("pi", "run-2")).isEqualTo("pi-b9d17232a4");
    // run ids that differ by one character get different names, even when the trigger is cut
    assertThat(RunNames.workflow("b".repeat(60), "run-1"))
        .isEqualTo("b".repeat(52) + "-4e65d3fbe8");
    assertThat(RunNames.workflow("b".repeat(60), "run-2"))
        .isEqualTo("b".repeat(52) + "-b9d17232a4");
  }
}
