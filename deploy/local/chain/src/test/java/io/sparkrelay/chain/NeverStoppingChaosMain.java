package io.sparkrelay.chain;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code deploy/local/chaos/run.sh}'s entry: runs {@link NeverStoppingChaos} with the options
 * given, prints the table and the checks, writes them as {@code chaos-report.txt} and {@code
 * chaos-report.json} in the run directory; exit status 0 when every promise held, 1 otherwise.
 */
public final class NeverStoppingChaosMain {

  private NeverStoppingChaosMain() {}

  static final String USAGE =
      """
      Usage: deploy/local/chaos/run.sh [options]
        --messages N          messages to send (default 10000)
        --rate R              per second (default 50)
        --fault-every A-B     seconds from one fault to the next, at random (default 20-30)
        --outage A-B          seconds a freeze or cut-off lasts, at random (default 5-15; B < A of --fault-every)
        --seed S              the faults' dice (default: the clock)
        --replicas N          instances of each service (default 2)
        --prometheus          start run.sh's Prometheus (the chart's alerts) and record the alerts that fire
        --drain-limit S       seconds after the last send that faults go on while runs still end (default 1800)
        --run-dir DIR         run.sh's run directory, where the report goes too (default deploy/local/.run/chaos)
      """;

  public static void main(String[] args) throws Exception {
    int messages = 10_000;
    double rate = 50;
    long[] every = {20, 30};
    long[] outage = {5, 15};
    long seed = System.nanoTime();
    int replicas = 2;
    boolean prometheus = false;
    long drain = 1800;
    Path runDir = LocalChain.repositoryRoot().resolve("deploy/local/.run/chaos");
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "-h", "--help" -> {
          System.out.print(USAGE);
          return;
        }
        case "--prometheus" -> prometheus = true;
        case "--messages" -> messages = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--fault-every" -> every = range(args[++i]);
        case "--outage" -> outage = range(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--replicas" -> replicas = Integer.parseInt(args[++i]);
        case "--drain-limit" -> drain = Long.parseLong(args[++i]);
        case "--run-dir" -> runDir = Path.of(args[++i]).toAbsolutePath();
        default -> {
          System.err.print("unknown option " + option + "\n" + USAGE);
          System.exit(2);
        }
      }
    }
    NeverStoppingChaos.Settings settings =
        new NeverStoppingChaos.Settings(
            messages,
            rate,
            Duration.ofSeconds(every[0]),
            Duration.ofSeconds(every[1]),
            Duration.ofSeconds(outage[0]),
            Duration.ofSeconds(outage[1]),
            seed,
            replicas,
            prometheus,
            runDir,
            Duration.ofSeconds(drain),
            Duration.ofSeconds(60));
    ChaosVerdict verdict = new NeverStoppingChaos(settings, System.out).run();
    System.out.print(verdict.write(runDir));
    System.out.println("Report: " + runDir.resolve("chaos-report.txt") + ", .json");
    System.exit(verdict.passed() ? 0 : 1);
  }

  private static long[] range(String value) {
    String[] bounds = value.split("-");
    long low = Long.parseLong(bounds[0]);
    return new long[] {low, bounds.length > 1 ? Long.parseLong(bounds[1]) : low};
  }
}
