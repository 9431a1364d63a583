package io.sparkrelay.chain;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
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
          "elasticmq", "org.elasticmq.server.Main");

  private final LocalChain chain;
  private final Set<String> frozen = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService thawer = Executors.newSingleThreadScheduledExecutor();

  ChainProcesses(LocalChain chain) {
    this.chain = chain;
  }

  /** SIGKILL, then waits until run.sh has started a new one. */
  void kill(String name) {
    ProcessHandle victim = find(name).orElseThrow(() -> missing(name));
    victim.destroyForcibly();
    await(name + " killed").atMost(Duration.ofSeconds(10)).until(() -> !victim.isAlive());
    await(name + " started again by run.sh")
        .atMost(Duration.ofSeconds(30))
        .until(() -> find(name).filter(p -> p.pid() != victim.pid()).isPresent());
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
    String signature = SIGNATURES.get(name);
    return chain
        .processes()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(signature)).orElse(false))
        .findFirst();
  }

  private IllegalStateException missing(String name) {
    return new IllegalStateException("no running " + name + " under run.sh; logs: " + chain.logs());
  }
}
