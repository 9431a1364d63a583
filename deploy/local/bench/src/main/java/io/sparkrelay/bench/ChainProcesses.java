package io.sparkrelay.bench;

import io.sparkrelay.testkit.MetricsProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of one local chain (deploy/local/run.sh), every instance of a service included
 * ({@code --replicas}), and what the benchmark reads off them or does to them: CPU time, the
 * services' metrics summed over instances, signals, a forced GC, a flight recording.
 */
final class ChainProcesses {

  static final List<String> SERVICES =
      List.of("sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter");
  private static final Map<String, String> URLS_KEY =
      Map.of(
          "sqs-bridge", "BRIDGE_URLS",
          "workflow-launcher", "LAUNCHER_URLS",
          "spark-submitter", "SUBMITTER_URLS",
          "status-reporter", "REPORTER_URLS");

  private final Path runDir;
  private final Map<String, String> ready;

  ChainProcesses(Path runDir, Map<String, String> ready) {
    this.runDir = runDir;
    this.ready = ready;
  }

  int replicas() {
    return Integer.parseInt(ready.getOrDefault("REPLICAS", "1"));
  }

  /** Every running instance of {@code service} started from this checkout's jar. */
  static List<ProcessHandle> instances(String service) {
    // this checkout's jar only: another chain (a CI clone, say) may run the same service
    String jar =
        Path.of(service, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(jar)).orElse(false))
        .toList();
  }

  /**
   * Every process of the chain by name: each service (all its instances), ElasticMQ, the NATS
   * server(s), the API stand-in.
   */
  Map<String, List<ProcessHandle>> all() {
    Map<String, List<ProcessHandle>> processes = new LinkedHashMap<>();
    for (String service : SERVICES) {
      processes.put(service, instances(service));
    }
    String runPath = runDir.toAbsolutePath().toString();
    String apiPort = ready.get("KUBERNETES_API").replaceAll(".*:", "");
    ProcessHandle.allProcesses()
        .forEach(
            p -> {
              String command = p.info().commandLine().orElse("");
              String name = null;
              if (command.contains("org.elasticmq.server.Main") && command.contains(runPath)) {
                name = "ElasticMQ";
              } else if (command.contains("nats-server") && command.contains(runPath)) {
                name = "nats-server";
              } else if (command.contains("KubernetesApiServerMain") && command.contains(apiPort)) {
                name = "API stand-in";
              }
              if (name != null) {
                processes.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
              }
            });
    return processes;
  }

  /** CPU seconds (user + system) so far of each process of the chain, instances summed. */
  Map<String, Double> cpuSeconds() throws Exception {
    Map<String, Double> cpu = new LinkedHashMap<>();
    for (Map.Entry<String, List<ProcessHandle>> named : all().entrySet()) {
      double seconds = 0;
      for (ProcessHandle process : named.getValue()) {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        // fields after the ")" closing the command name: state is field 3, utime 14, stime 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ
      }
      cpu.put(named.getKey(), seconds);
    }
    return cpu;
  }

  /** The sum over every instance of {@code service} of the samples named {@code metric}. */
  double metricSum(String service, String metric) {
    double sum = 0;
    for (String url : ready.get(URLS_KEY.get(service)).split(",")) {
      sum += MetricsProbe.valueAt(url, metric);
    }
    return sum;
  }

  /** Sends {@code signal} (STOP, CONT) to every instance of {@code service}. */
  void signal(String service, String signal) throws Exception {
    for (ProcessHandle instance : instances(service)) {
      run("kill", "-" + signal, Long.toString(instance.pid()));
    }
  }

  /**
   * A full collection in every instance of every service: Micrometer counts the bytes allocated at
   * each collection (the young generation's growth), so reading its counter right after one makes
   * it exact at that moment.
   */
  void collectGarbage() throws Exception {
    for (String service : SERVICES) {
      for (ProcessHandle instance : instances(service)) {
        jcmd(instance.pid(), "GC.run");
      }
    }
  }

  /** Starts a JFR recording with the profile settings in every JVM of the chain. */
  void startRecording(String name) throws Exception {
    for (Map.Entry<String, List<ProcessHandle>> named : all().entrySet()) {
      if (named.getKey().equals("nats-server")) {
        continue; // not a JVM
      }
      for (ProcessHandle process : named.getValue()) {
        jcmd(process.pid(), "JFR.start", "name=" + name, "settings=profile");
      }
    }
  }

  /**
   * Stops the recording {@code name}, writes each JVM's file to {@code dir} and beside it the
   * hottest methods ({@code jfr view hot-methods}); returns the summaries' paths.
   */
  List<Path> stopRecording(String name, Path dir) throws Exception {
    Files.createDirectories(dir);
    List<Path> summaries = new ArrayList<>();
    for (Map.Entry<String, List<ProcessHandle>> named : all().entrySet()) {
      if (named.getKey().equals("nats-server")) {
        continue;
      }
      int i = 0;
      for (ProcessHandle process : named.getValue()) {
        String file = named.getKey().replace(' ', '-') + (i++ == 0 ? "" : "-" + i);
        Path recording = dir.resolve(file + ".jfr").toAbsolutePath();
        jcmd(process.pid(), "JFR.stop", "name=" + name, "filename=" + recording);
        Path summary = dir.resolve(file + "-hot-methods.txt");
        new ProcessBuilder(
                jdkTool("jfr"), "view", "--width", "200", "hot-methods", recording.toString())
            .redirectErrorStream(true)
            .redirectOutput(summary.toFile())
            .start()
            .waitFor();
        summaries.add(summary);
      }
    }
    return summaries;
  }

  /** {@code jcmd <pid> <command...>} of the JDK this benchmark runs on; fails when it fails. */
  static void jcmd(long pid, String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of(jdkTool("jcmd"), Long.toString(pid)));
    line.addAll(List.of(command));
    run(line.toArray(String[]::new));
  }

  /** A tool of the JDK this benchmark runs on (the services run on the same JAVA_HOME). */
  private static String jdkTool(String tool) {
    return Path.of(System.getProperty("java.home"), "bin", tool).toString();
  }

  private static void run(String... command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }
}
