package io.sparkrelay.chain;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Faults on the processes of a running local chain: SIGKILL (run.sh, started with {@code
 * --restart-crashed}, starts the process again as a kubelet would), and SIGSTOP/SIGCONT to make a
 * server unresponsive for a while without losing its in-memory state.
 *
 * <p>Processes are named as run.sh names them: a service ({@code sqs-bridge}, its instance 0) or
 * one of its instances ({@code sqs-bridge-1}, with {@code --replicas}), told apart by the HTTP port
 * on their command line; {@code nats} or a node of the cluster ({@code nats-2}, with {@code
 * --nats-cluster}), told apart by their configuration file; {@code api-server}, {@code elasticmq},
 * {@code simulator}.
 */
final class ChainProcesses implements AutoCloseable {

  /** How each process is recognised in its command line. */
  private static final Map<String, String> SIGNATURES =
      Map.of(
          "sqs-bridge", "sqs-bridge/target/quarkus-app/quarkus-run.jar",
          "workflow-launcher", "workflow-launcher/target/quarkus-app/quarkus-run.jar",
          "spark-submitter", "spark-submitter/target/quarkus-app/quarkus-run.jar",
          "status-reporter", "status-reporter/target/quarkus-app/quarkus-run.jar",
          "nats", "nats-server",
          "api-server", "KubernetesApiServerMain",
          "simulator", "spark-relay-simulator.jar --api-server",
          "elasticmq", "org.elasticmq.server.Main");

  /** The ready file's list of each service's instances. */
  private static final Map<String, String> INSTANCE_URLS =
      Map.of(
          "sqs-bridge", "BRIDGE_URLS",
          "workflow-launcher", "LAUNCHER_URLS",
          "spark-submitter", "SUBMITTER_URLS",
          "status-reporter", "REPORTER_URLS");

  private final LocalChain chain;
  private final Set<String> frozen = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService thawer = Executors.newSingleThreadScheduledExecutor();

  ChainProcesses(LocalChain chain) {
    this.chain = chain;
  }

  /** SIGKILL, then waits until run.sh has started a new one. */
  void kill(String name) {
    ProcessHandle victim = killNow(name);
    await(name + " killed").atMost(Duration.ofSeconds(10)).until(() -> !victim.isAlive());
    await(name + " started again by run.sh")
        .atMost(Duration.ofSeconds(30))
        .until(() -> find(name).filter(p -> p.pid() != victim.pid()).isPresent());
  }

  /** SIGKILL, without waiting for the restart; the process killed. */
  ProcessHandle killNow(String name) {
    ProcessHandle victim = find(name).orElseThrow(() -> missing(name));
    victim.destroyForcibly();
    return victim;
  }

  /** The process now running under that name, if any. */
  Optional<Long> pid(String name) {
    return find(name).map(ProcessHandle::pid);
  }

  void freeze(String name) {
    signal(name, "STOP");
  }

  void thaw(String name) {
    signal(name, "CONT");
  }

  /**
   * Unresponsive for {@code duration}: connections stay open, nothing is answered. Returns at once;
   * the process is thawed in the background when the outage ends (or on {@link #close()}).
   */
  void freezeFor(String name, Duration duration) {
    freeze(name);
    frozen.add(name);
    thawer.schedule(
        () -> {
          if (frozen.remove(name)) {
            thaw(name);
          }
        },
        duration.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Waits until every timed outage has ended. */
  void awaitThawed() {
    await("outages over").atMost(Duration.ofSeconds(30)).until(frozen::isEmpty);
  }

  /** Thaws whatever is still frozen. */
  @Override
  public void close() {
    thawer.shutdownNow();
    for (String name : List.copyOf(frozen)) {
      frozen.remove(name);
      thaw(name);
    }
  }

  private void signal(String name, String signal) {
    long pid = find(name).orElseThrow(() -> missing(name)).pid();
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Optional<ProcessHandle> find(String name) {
    List<String> marks = marks(name);
    return chain
        .processes()
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                p.info().commandLine().map(c -> marks.stream().allMatch(c::contains)).orElse(false))
        .findFirst();
  }

  /** What the command line of the process of that name holds. */
  private List<String> marks(String name) {
    if (SIGNATURES.containsKey(name)) {
      String signature = SIGNATURES.get(name);
      if (name.equals("nats")) {
        return List.of(signature, "/nats-server.conf");
      }
      if (INSTANCE_URLS.containsKey(name)) {
        return List.of(signature, "-Dquarkus.http.port=" + port(name, 0) + " ");
      }
      return List.of(signature);
    }
    int dash = name.lastIndexOf('-');
    String base = dash < 0 ? name : name.substring(0, dash);
    int instance;
    try {
      instance = Integer.parseInt(name.substring(dash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("no process is named " + name);
    }
    if (base.equals("nats")) {
      return List.of("nats-server", "/nats-server-" + instance + ".conf");
    }
    if (!INSTANCE_URLS.containsKey(base)) {
      throw new IllegalArgumentException("no process is named " + name);
    }
    return List.of(SIGNATURES.get(base), "-Dquarkus.http.port=" + port(base, instance) + " ");
  }

  private int port(String service, int instance) {
    List<String> urls = chain.endpoints(INSTANCE_URLS.get(service));
    if (instance >= urls.size()) {
      throw new IllegalArgumentException(
          service + " has " + urls.size() + " instances, no instance " + instance);
    }
    return URI.create(urls.get(instance)).getPort();
  }

  private IllegalStateException missing(String name) {
    return new IllegalStateException("no running " + name + " under run.sh; logs: " + chain.logs());
  }
}
