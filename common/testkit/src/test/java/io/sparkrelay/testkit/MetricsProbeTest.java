package io.sparkrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsProbeTest {

  private static final String EXPOSITION =
      """
      # TYPE relay_reporter_runs_total counter
      relay_reporter_runs_total{outcome="completed",reason="none"} 3.0
      relay_reporter_runs_total{outcome="failed",reason="oom-killed"} 2.0
      relay_reporter_runs_total{outcome="failed",reason="image-pull"} 1.0
      relay_reporter_runs_total_created{outcome="failed",reason="image-pull"} 1.7E9
      relay_reporter_active_runs 4.0
      """;

  @Test
  void sumsTheSeriesOfANameThatCarryEveryLabelAsked() {
    assertThat(MetricsProbe.sum(EXPOSITION, "relay_reporter_runs_total")).isEqualTo(6.0);
    assertThat(MetricsProbe.sum(EXPOSITION, "relay_reporter_runs_total", "outcome=\"failed\""))
        .isEqualTo(3.0);
    assertThat(
            MetricsProbe.sum(
                EXPOSITION,
                "relay_reporter_runs_total",
                "outcome=\"failed\"",
                "reason=\"image-pull\""))
        .isEqualTo(1.0);
    assertThat(MetricsProbe.sum(EXPOSITION, "relay_reporter_active_runs")).isEqualTo(4.0);
    assertThat(MetricsProbe.sum(EXPOSITION, "relay_reporter_unknown")).isEqualTo(0.0);
  }
}
