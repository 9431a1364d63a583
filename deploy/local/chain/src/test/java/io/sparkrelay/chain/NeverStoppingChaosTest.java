package io.sparkrelay.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The never-stopping chaos of {@code deploy/local/chaos/run.sh} at CI size: 150 messages at 5/s
 * (one poison, one of each odd input) on two replicas of every service and a three-node NATS
 * cluster, with run.sh's Prometheus (the alerts that fire are in the table), a fault every 6-9 s
 * (outages of 2-5 s) until every message has ended (faults stop at most 60 s after the last send;
 * the simulated cluster on 2 busy cores is what takes the time). The same code and checks as the
 * script's default run of 10,000; {@code -Dchaos.seed=N} replays a run's dice (the timing of the
 * chain still differs). Report: {@code target/chaos-run/chaos-report.txt|json}.
 */
class NeverStoppingChaosTest {

  private static final int MESSAGES = 150;

  @Test
  void everyPromiseHoldsWhileFaultsKeepComing() throws Exception {
    Path runDir = Path.of("target/chaos-run").toAbsolutePath();
    Files.createDirectories(runDir);
    NeverStoppingChaos.Settings settings =
        new NeverStoppingChaos.Settings(
            MESSAGES,
            5,
            Duration.ofSeconds(6),
            Duration.ofSeconds(9),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            Long.getLong("chaos.seed", 18),
            2,
            true,
            runDir,
            Duration.ofSeconds(60),
            Duration.ofSeconds(60));

    ChaosVerdict verdict = new NeverStoppingChaos(settings, System.out).run();

    String table = verdict.write(runDir);
    System.out.print(table);
    assertThat(verdict.problems()).as(table).isEmpty();
    Map<String, Object> summary = verdict.summary();
    assertThat(summary.get("messages")).isEqualTo(MESSAGES);
    assertThat(summary.get("good")).isEqualTo(Map.of("sent", 146, "as promised", 146));
    assertThat(summary.get("poison")).isEqualTo(Map.of("sent", 1, "as promised", 1));
    assertThat(summary.get("not-json")).isEqualTo(Map.of("sent", 1, "as promised", 1));
    assertThat(summary.get("forged-id")).isEqualTo(Map.of("sent", 1, "as promised", 1));
    assertThat(summary.get("no-rule")).isEqualTo(Map.of("sent", 1, "as promised", 1));
    assertThat(summary.get("good with exactly one Workflow")).isEqualTo(146);
    assertThat(summary.get("lost")).isEqualTo(0);
    assertThat(summary.get("duplicates")).isEqualTo(0);
    assertThat(summary.get("end events read")).isEqualTo(MESSAGES);
    assertThat((Integer) summary.get("faults injected")).as("faults").isGreaterThanOrEqualTo(3);
  }
}
