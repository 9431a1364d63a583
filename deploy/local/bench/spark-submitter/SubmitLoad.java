import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load driver for spark-submitter: POSTs N submit requests (distinct workflows) with C concurrent
 * callers, then prints throughput, latency percentiles and answers by status. The submitter only
 * takes a request with its credential and for a Workflow that exists as the launcher makes it, so
 * the driver first creates each request's Workflow in the API stand-in (not timed). Run as a
 * single-file program: java SubmitLoad.java URL N C PREFIX API_URL CREDENTIAL.
 */
public class SubmitLoad {

  public static void main(String[] args) throws Exception {
    String url = args[0] + "/api/v1/spark-applications";
    int total = Integer.parseInt(args[1]);
    int callers = Integer.parseInt(args[2]);
    String prefix = args[3];
    String api = args[4];
    String credential = args[5];
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < total; i++) {
      createWorkflow(http, api, prefix, i);
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
      for (int c = 0; c < callers; c++) {
        pool.execute(
            () -> {
              for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                String body =
                    "{\"runId\":\"run-%d\",\"workflow\":\"%s-%d\",\"step\":\"submit-spark\",\"profile\":\"%s\",\"arguments\":[\"\",\"\"],\"executors\":\"\"}"
                        .formatted(i, prefix, i, i % 2 == 0 ? "pi" : "taxi-trip");
                HttpRequest request =
                    HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + credential)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                long sent = System.nanoTime();
                int status;
                try {
                  status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                  status = -1;
                }
                latencies.add(System.nanoTime() - sent);
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
              }
            });
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf(
        "%d requests, %d callers: %.1f s, %.0f req/s; latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f;"
            + " answers %s%n",
        total,
        callers,
        seconds,
        total / seconds,
        ms(sorted, 0.50),
        ms(sorted, 0.95),
        ms(sorted, 0.99),
        ms(sorted, 1.0),
        new TreeMap<>(statuses));
  }

  /** The Workflow request {@code i} names, with the parameters its body maps (none given). */
  private static void createWorkflow(HttpClient http, String api, String prefix, int i)
      throws Exception {
    String workflow =
        ("{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\",\"metadata\":{\"name\":\"%s-%d\","
                + "\"namespace\":\"argo-workflows\",\"labels\":{\"spark-relay.io/run-id\":\"run-%d\","
                + "\"spark-relay.io/trigger\":\"bench\",\"app.kubernetes.io/managed-by\":\"spark-relay\"}},"
                + "\"spec\":{\"workflowTemplateRef\":{\"name\":\"spark-relay-spark-job\"},\"arguments\":"
                + "{\"parameters\":[{\"name\":\"run-id\",\"value\":\"run-%d\"},{\"name\":\"job\",\"value\":\"%s\"},"
                + "{\"name\":\"input\",\"value\":\"\"},{\"name\":\"output\",\"value\":\"\"},"
                + "{\"name\":\"executors\",\"value\":\"\"}]}}}")
            .formatted(prefix, i, i, i, i % 2 == 0 ? "pi" : "taxi-trip");
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(api + "/apis/argoproj.io/v1alpha1/namespaces/argo-workflows/workflows"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(workflow))
            .build();
    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != 201 && status != 409) {
      throw new IllegalStateException("creating Workflow " + prefix + "-" + i + ": " + status);
    }
  }

  private static double ms(List<Long> sorted, double quantile) {
    int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1e6;
  }
}
