package io.sparkrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * How busy the machine's CPUs are, from /proc/stat: used to start a timing only once the chain (and
 * this benchmark's own JIT) has settled, so a start time measures the service, not its neighbours.
 */
final class MachineLoad {

  private long lastBusy;
  private long lastTotal;
  // the CPUs /proc/stat counts (all of the host's, even where a container quota limits this JVM)
  private int cpus;

  private MachineLoad() throws IOException {
    sample();
  }

  /**
   * Waits until the machine used less than {@code cores} in a one-second window; false if it never
   * did within {@code atMost} (the timing then goes ahead, and says so).
   */
  static boolean awaitBelow(double cores, Duration atMost) throws IOException {
    MachineLoad load = new MachineLoad();
    try {
      Awaitility.await("machine below " + cores + " busy cores")
          .atMost(atMost)
          .pollDelay(Duration.ofSeconds(1))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> load.busyFractionSinceLastSample() * load.cpus < cores);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  private double busyFractionSinceLastSample() throws IOException {
    long busy = lastBusy;
    long total = lastTotal;
    sample();
    long totalDelta = lastTotal - total;
    return totalDelta == 0 ? 0 : (double) (lastBusy - busy) / totalDelta;
  }

  private void sample() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
    cpus = (int) lines.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
    // first line: "cpu user nice system idle iowait irq softirq steal ..."
    String[] fields = lines.getFirst().trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < fields.length && i <= 8; i++) {
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
    lastTotal = total;
    lastBusy = total - idle;
  }
}
