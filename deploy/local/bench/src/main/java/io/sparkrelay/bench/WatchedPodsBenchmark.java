package io.sparkrelay.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sparkrelay.testkit.MetricsProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Memory per watched pod of a running status-reporter: its live heap (after a full GC, {@code jcmd
 * GC.run}, read off {@code jvm_memory_used_bytes{area="heap"}}) and its RSS before and after {@code
 * PODS} Spark executor pods labelled with a run id appear in the namespace it watches.
 *
 * <p>Args: API stand-in URL, namespace, pods, reporter URL, reporter pid. Prints one line {@code
 * pods|heapBefore|heapAfter|rssBefore|rssAfter|bytesPerPod} (bytes).
 */
public final class WatchedPodsBenchmark {

  private WatchedPodsBenchmark() {}

  public static void main(String[] args) throws Exception {
    String api = args[0];
    String namespace = args[1];
    int pods = Integer.parseInt(args[2]);
    String reporter = args[3];
    long pid = Long.parseLong(args[4]);

    long heapBefore = settledHeap(reporter, pid);
    long rssBefore = ProcessRss.kilobytes(pid) * 1024;
    try (KubernetesClient kube = client(api)) {
      create(kube, namespace, pods);
    }
    long heapAfter = settledHeap(reporter, pid);
    long rssAfter = ProcessRss.kilobytes(pid) * 1024;
    System.out.printf(
        Locale.ROOT,
        "%d|%d|%d|%d|%d|%d%n",
        pods,
        heapBefore,
        heapAfter,
        rssBefore,
        rssAfter,
        (heapAfter - heapBefore) / pods);
  }

  /** Creates {@code count} executor pods on 8 threads, each of a run of its own. */
  private static void create(KubernetesClient kube, String namespace, int count) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < count) {
                    kube.pods().inNamespace(namespace).resource(executor(namespace, i)).create();
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * An executor pod as the Spark Operator's driver makes it and a kubelet reports it: the relay's
   * labels, an owner, a spec with one container and its environment (which the reporter's store
   * drops), a running status with the conditions, addresses and container ids a kubelet writes.
   */
  static Pod executor(String namespace, int i) {
    String app = "pi-" + String.format(Locale.ROOT, "%010x", i);
    String runId = new UUID(0xe0ec0000L + i, i).toString();
    String ip = "10.0." + (i / 250 % 250) + "." + (i % 250);
    return new PodBuilder()
        .withNewMetadata()
        .withName(app + "-exec-1")
        .withNamespace(namespace)
        .withLabels(
            Map.of(
                "spark-relay.io/run-id", runId,
                "spark-relay.io/trigger", "pi",
                "spark-role", "executor",
                "spark-app-selector", "spark-" + UUID.nameUUIDFromBytes(app.getBytes()),
                "sparkoperator.k8s.io/app-name", app,
                "sparkoperator.k8s.io/launched-by-spark-operator", "true",
                "spark-exec-id", "1"))
        .withAnnotations(Map.of("spark-relay.io/workflow", "argo-workflows/" + app))
        .addNewOwnerReference()
        .withApiVersion("v1")
        .withKind("Pod")
        .withName(app + "-driver")
        .withUid(UUID.nameUUIDFromBytes((app + "-driver").getBytes()).toString())
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("spark-kubernetes-executor")
        .withImage("apache/spark:3.5.3")
        .withArgs("executor")
        .addNewEnv()
        .withName("SPARK_EXECUTOR_ID")
        .withValue("1")
        .endEnv()
        .addNewEnv()
        .withName("SPARK_DRIVER_URL")
        .withValue("spark://CoarseGrainedScheduler@" + app + "-driver-svc." + namespace + ":7078")
        .endEnv()
        .addNewEnv()
        .withName("SPARK_EXECUTOR_MEMORY")
        .withValue("1g")
        .endEnv()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withQosClass("Burstable")
        .withHostIP(ip)
        .addNewHostIP(ip)
        .withPodIP(ip)
        .addNewPodIP(ip)
        .withStartTime("2026-12-01T10:00:00Z")
        .withConditions(
            condition("PodReadyToStartContainers", "2026-12-01T10:00:04Z"),
            condition("Initialized", "2026-12-01T10:00:00Z"),
            condition("Ready", "2026-12-01T10:00:05Z"),
            condition("ContainersReady", "2026-12-01T10:00:05Z"),
            condition("PodScheduled", "2026-12-01T10:00:00Z"))
        .addNewContainerStatus()
        .withName("spark-kubernetes-executor")
        .withContainerID("containerd://" + hex64(i, 'c'))
        .withImage("docker.io/apache/spark:3.5.3")
        .withImageID("docker.io/apache/spark@sha256:" + hex64(0, 'a'))
        .withReady(true)
        .withStarted(true)
        .withRestartCount(0)
        .withNewLastState()
        .endLastState()
        .withNewState()
        .withNewRunning()
        .withStartedAt("2026-12-01T10:00:05Z")
        .endRunning()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.PodCondition condition(String type, String at) {
    return new io.fabric8.kubernetes.api.model.PodConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withLastTransitionTime(at)
        .build();
  }

  /** 64 hex digits, distinct per {@code i}, as container ids and image digests are. */
  private static String hex64(int i, char fill) {
    String n = Integer.toHexString(i);
    return String.valueOf(fill).repeat(64 - n.length()) + n;
  }

  /**
   * The reporter's live heap once it has stopped growing: a full GC and a reading every 2 s until
   * two in a row differ by less than 0.5% (the informer has taken every pod by then).
   */
  private static long settledHeap(String reporter, long pid) throws Exception {
    long last = -1;
    for (int i = 0; i < 60; i++) {
      ChainProcesses.jcmd(pid, "GC.run");
      long heap = heapUsed(reporter);
      if (last > 0 && Math.abs(heap - last) < last / 200) {
        return heap;
      }
      last = heap;
      LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // a sampling interval
    }
    return last;
  }

  private static long heapUsed(String reporter) {
    return (long) MetricsProbe.valueAt(reporter, "jvm_memory_used_bytes", "area=\"heap\"");
  }

  private static KubernetesClient client(String url) {
    Config config =
        new ConfigBuilder()
            .withMasterUrl(url)
            .withOauthToken("bench")
            .withUserAgent("spark-relay-bench/local")
            .withRequestTimeout((int) Duration.ofSeconds(30).toMillis())
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
