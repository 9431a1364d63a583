package io.sparkrelay.bench;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The status-reporter holding many runs. {@code fill NATS_URL RUNS ACTIVE}: writes RUNS runs into
 * the bucket relay-runs as the reporter stores them (ACTIVE of them still running, the others ended
 * and announced; one in ten failed), and prints the run ids it wrote to stdout, one sampled id per
 * line prefixed "id ". {@code read REPORTER_URL READERS REQUESTS RUN_ID}: READERS concurrent
 * callers each send REQUESTS of every kind (first page, a filtered page, a deep page, one run),
 * after 200 unmeasured requests of each, and the latencies per kind are printed as a table row
 * "kind p50 p99 max" in ms.
 */
public final class ReporterScaleBenchmark {

  private ReporterScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "fill" -> fill(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "read" -> read(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
      default -> throw new IllegalArgumentException("fill or read");
    }
  }

  static void fill(String natsUrl, int runs, int active) throws Exception {
    try (Connection nats = Nats.connect(natsUrl)) {
      nats.keyValueManagement()
          .create(
              KeyValueConfiguration.builder()
                  .name("relay-runs")
                  .maxHistoryPerKey(1)
                  .ttl(Duration.ofDays(14))
                  .storageType(StorageType.File)
                  .build());
      KeyValue kv = nats.keyValue("relay-runs");
      Instant start = Instant.now().minus(Duration.ofDays(7));
      List<CompletableFuture<?>> pending = new ArrayList<>();
      long began = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        String runId = new UUID(0x5eed0000L + i, i).toString();
        Instant at = start.plusMillis(i * 6_000L);
        boolean running = i >= runs - active;
        boolean failed = !running && i % 10 == 0;
        byte[] value = run(runId, i, at, running, failed).getBytes(StandardCharsets.UTF_8);
        pending.add(nats.jetStream().publishAsync("$KV.relay-runs." + runId, value));
        if (pending.size() == 2_000) {
          CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
          pending.clear();
        }
        if (i % (runs / 5) == 0) {
          System.out.println("id " + runId);
        }
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      System.err.printf(
          Locale.ROOT,
          "wrote %d runs (%d running) in %.1f s, bucket %d bytes%n",
          runs,
          active,
          (System.nanoTime() - began) / 1e9,
          kv.getStatus().getByteCount());
    }
  }

  /** One run as the reporter stores it (RunState as JSON). */
  private static String run(String runId, int i, Instant at, boolean running, boolean failed) {
    String name = "pi-" + String.format("%010x", i);
    String end = at.plusSeconds(40).toString();
    String stages =
        "\"RECEIVED\":\"%s\",\"WORKFLOW_CREATED\":\"%s\",\"SPARK_SUBMITTED\":\"%s\",\"DRIVER_RUNNING\":\"%s\""
            .formatted(at, at.plusSeconds(1), at.plusSeconds(3), at.plusSeconds(9));
    String outcome = running ? null : failed ? "FAILED" : "COMPLETED";
    if (outcome != null) {
      stages += ",\"" + outcome + "\":\"" + end + "\"";
    }
    String failures =
        failed
            ? "{\"pod/spark-team-a/%s-spark-driver|oom\":{\"kind\":\"OOM_KILLED\",\"reason\":\"OOMKilled\",\"message\":\"driver ran out of memory\",\"origin\":\"DRIVER\",\"source\":\"pod/spark-team-a/%s-spark-driver\",\"fatal\":true,\"at\":\"%s\"}}"
                .formatted(name, name, end)
            : "{}";
    String pod =
        "{\"%s-spark-driver\":{\"name\":\"%s-spark-driver\",\"namespace\":\"spark-team-a\",\"role\":\"driver\",\"phase\":\"%s\",\"container\":\"%s\",\"startedAt\":\"%s\",\"finishedAt\":%s}}"
            .formatted(
                name,
                name,
                running ? "Running" : failed ? "Failed" : "Succeeded",
                running
                    ? "running"
                    : failed
                        ? "terminated: OOMKilled (exit code 137)"
                        : "terminated: Completed (exit code 0)",
                at.plusSeconds(9),
                running ? "null" : "\"" + end + "\"");
    return ("{\"runId\":\"%s\",\"trigger\":\"pi\","
            + "\"workflow\":{\"name\":\"%s\",\"namespace\":\"argo-workflows\",\"phase\":\"%s\",\"message\":null,\"createdAt\":\"%s\",\"startedAt\":\"%s\",\"finishedAt\":%s},"
            + "\"application\":{\"name\":\"%s-spark\",\"namespace\":\"spark-team-a\",\"state\":\"%s\",\"errorMessage\":null,\"driverPod\":\"%s-spark-driver\",\"createdAt\":\"%s\",\"terminatedAt\":%s},"
            + "\"stages\":{%s},\"failures\":%s,\"pods\":%s,\"executors\":{},\"announced\":%s,\"endSeenAt\":%s,\"deadLetter\":null}")
        .formatted(
            runId,
            name,
            running ? "Running" : failed ? "Failed" : "Succeeded",
            at.plusSeconds(1),
            at.plusSeconds(1),
            running ? "null" : "\"" + end + "\"",
            name,
            running ? "RUNNING" : failed ? "FAILED" : "COMPLETED",
            name,
            at.plusSeconds(3),
            running ? "null" : "\"" + end + "\"",
            stages,
            failures,
            pod,
            outcome == null ? "null" : "\"" + outcome + "\"",
            outcome == null ? "null" : "\"" + end + "\"");
  }

  static void read(String reporter, int readers, int requests, String runId) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String[][] kinds = {
      {"first page", "/api/v1/runs"},
      {"filtered page (state=FAILED)", "/api/v1/runs?state=FAILED"},
      {"deep page (page 400 of 20)", "/api/v1/runs?page=400"},
      {"one run", "/api/v1/runs/" + runId},
    };
    // warm-up, not measured: the JIT compiles the request paths first
    for (String[] kind : kinds) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(reporter + kind[1])).build();
      for (int n = 0; n < 200; n++) {
        http.send(request, HttpResponse.BodyHandlers.discarding());
      }
    }
    for (String[] kind : kinds) {
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      List<Integer> bad = Collections.synchronizedList(new ArrayList<>());
      HttpRequest request = HttpRequest.newBuilder(URI.create(reporter + kind[1])).build();
      try (ExecutorService pool = Executors.newFixedThreadPool(readers)) {
        for (int r = 0; r < readers; r++) {
          pool.execute(
              () -> {
                for (int n = 0; n < requests; n++) {
                  long sent = System.nanoTime();
                  try {
                    int status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                      bad.add(status);
                    }
                  } catch (Exception e) {
                    bad.add(-1);
                  }
                  latencies.add(System.nanoTime() - sent);
                }
              });
        }
      }
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      System.out.printf(
          Locale.ROOT,
          "%s|%.1f|%.1f|%.1f|%d%n",
          kind[0],
          ms(sorted, 0.50),
          ms(sorted, 0.99),
          ms(sorted, 1.0),
          bad.size());
    }
  }

  private static double ms(List<Long> sorted, double quantile) {
    int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1e6;
  }
}
