package io.sparkrelay.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.RelayCustomResources;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.MetricsProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The promise under faults: a backlog goes through the local chain while one thing at a time is
 * killed with SIGKILL (and brought back as Kubernetes would), frozen, or cut off. After each, every
 * good message has exactly one Workflow and at most one SparkApplication and ends COMPLETED, every
 * poison message is a dead letter with its reason, nothing is lost or duplicated.
 *
 * <p>Size per fault: {@code -Dchaos.messages=N} (default small for CI). The CRUD API stand-in slows
 * with every object it holds, so each fault's finished runs are deleted before the next, as a
 * cluster's TTL clean-up would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainChaosTest {

  private static final int MESSAGES = Integer.getInteger("chaos.messages", 30);
  private static final String RUN_ID = "spark-relay.io/run-id";
  private static final String EVENT_STREAM = "RELAY_EVENTS";
  private static final String LAUNCHER_CONSUMER = "workflow-launcher";
  private static final Duration OUTAGE = Duration.ofSeconds(4);
  // 1% of each backlog: a parameter that fails its pattern, and the launcher's reason for it
  private static final String POISON = "{\"job\":\"pi\",\"executors\":\"many\"}";
  private static final String POISON_REASON =
      "rule 'pi': parameter 'executors': value 'many' does not match pattern '([1-9][0-9]?)?'";
  // 3 minutes for the CI size; a long run gets half a second more per message
  private static final Duration SETTLING =
      Duration.ofMinutes(3).plusMillis(Math.max(0, MESSAGES - 200) * 500L);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ChaosReport REPORT = new ChaosReport();

  private static LocalChain chain;
  private static ChainProcesses processes;
  private static SqsClient sqs;
  private static KubernetesClient kube;
  private static JetStreamProbe jetStream;

  @BeforeAll
  static void startTheChain() throws Exception {
    // short timeouts so that forced redeliveries happen within the test's patience
    chain =
        LocalChain.start(
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Map.of(
                "RELAY_SQS_VISIBILITY_TIMEOUT_SECONDS", "6",
                "RELAY_SQS_WAIT_TIME_SECONDS", "1",
                "RELAY_CONSUMER_ACK_WAIT", "4s",
                "RELAY_CONSUMER_BACKOFF", "1s,2s",
                "RELAY_NATS_PUBLISH_TIMEOUT", "3s",
                "RELAY_NATS_REQUEST_TIMEOUT", "3s",
                // a whole backlog runs at once here: admission control is not under test
                "RELAY_ADMISSION_MAX_ACTIVE_PER_NAMESPACE", "1000"),
            "--restart-crashed");
    processes = new ChainProcesses(chain);
    sqs = chain.sqsClient();
    kube = chain.kubernetesClient();
    jetStream =
        JetStreamProbe.withCredentials(
            chain.endpoint("NATS_URL"),
            chain.endpoint("NATS_ADMIN_USER"),
            chain.endpoint("NATS_ADMIN_PASSWORD"),
            java.nio.file.Path.of(chain.endpoint("NATS_CA_FILE")));
  }

  @AfterAll
  static void printTheTableAndStop() {
    System.out.println(REPORT.table());
    LocalChain.closeAll(processes, sqs, kube, chain);
  }

  @Test
  @Order(1)
  void sqsBridgeKilledWithPublishesInFlight() {
    // nats-server frozen: the bridge holds received batches waiting for acks when it is killed
    double received = metric("BRIDGE_URL", "relay_bridge_messages_received_total");
    survive(
        "kill -9 sqs-bridge (publishes in flight)",
        () -> processes.freeze("nats"),
        () -> {
          try {
            awaitMetricAbove("BRIDGE_URL", "relay_bridge_messages_received_total", received);
            processes.kill("sqs-bridge");
          } finally {
            processes.thaw("nats");
          }
        });
  }

  @Test
  @Order(2)
  void workflowLauncherKilledAfterCreateBeforeAck() {
    // creates sent to a frozen API server, the launcher killed before any answer, the API server
    // thawed (it serves the creates it had queued), the launcher back: redelivered events meet 409
    double consumed = metric("LAUNCHER_URL", "relay_launcher_events_consumed_total");
    survive(
        "kill -9 workflow-launcher (after create, before ack)",
        () -> processes.freeze("api-server"),
        () -> {
          try {
            awaitMetricAbove("LAUNCHER_URL", "relay_launcher_events_consumed_total", consumed);
            processes.kill("workflow-launcher");
          } finally {
            processes.thaw("api-server");
          }
        });
    // the restarted launcher's own count: events whose Workflow the killed one had created
    double alreadyCreated =
        metric("LAUNCHER_URL", "relay_launcher_workflows_already_existed_total");
    REPORT.note(
        "after the launcher crash, Workflows found already created (409, same run): "
            + alreadyCreated);
    assertThat(alreadyCreated)
        .as("redeliveries of events whose Workflow the killed launcher had created")
        .isPositive();
  }

  @Test
  @Order(3)
  void sparkSubmitterKilled() {
    survive(
        "kill -9 spark-submitter", NOTHING, () -> midway(() -> processes.kill("spark-submitter")));
  }

  @Test
  @Order(4)
  void statusReporterKilled() {
    survive(
        "kill -9 status-reporter", NOTHING, () -> midway(() -> processes.kill("status-reporter")));
  }

  @Test
  @Order(5)
  void natsServerKilled() {
    survive("kill -9 nats-server", NOTHING, () -> midway(() -> processes.kill("nats")));
  }

  @Test
  @Order(6)
  void kubernetesApiUnresponsive() {
    survive(
        "Kubernetes API frozen " + OUTAGE.toSeconds() + " s",
        NOTHING,
        () -> midway(() -> processes.freezeFor("api-server", OUTAGE)));
  }

  @Test
  @Order(7)
  void elasticMqUnresponsive() {
    survive(
        "ElasticMQ frozen " + OUTAGE.toSeconds() + " s",
        NOTHING,
        () -> processes.freezeFor("elasticmq", OUTAGE));
  }

  @Test
  @Order(8)
  void redeliveryAfterSqsVisibilityExpiry() {
    // nats-server frozen longer than the visibility timeout: the bridge's publishes time out, the
    // messages stay in SQS and come back, and both copies reach the stream once it is thawed
    double duplicates = metric("BRIDGE_URL", "relay_bridge_messages_duplicates_total");
    survive(
        "SQS visibility expiry (nats-server frozen 10 s)",
        () -> processes.freezeFor("nats", Duration.ofSeconds(10)),
        NOTHING);
    double seen = metric("BRIDGE_URL", "relay_bridge_messages_duplicates_total") - duplicates;
    REPORT.note("SQS redeliveries the stream recognised as duplicates: " + seen);
    assertThat(seen).as("redeliveries forced by the visibility expiry").isPositive();
  }

  @Test
  @Order(9)
  void redeliveryAfterAckWaitExpiry() {
    // the launcher frozen with events in hand (its creates held by a frozen API server) for longer
    // than AckWait: JetStream redelivers them while the first deliveries are still being worked on
    double redeliveries = metric("LAUNCHER_URL", "relay_launcher_events_redeliveries_total");
    double consumed = metric("LAUNCHER_URL", "relay_launcher_events_consumed_total");
    survive(
        "JetStream AckWait expiry (launcher frozen 6 s)",
        () -> processes.freeze("api-server"),
        () -> {
          try {
            awaitMetricAbove("LAUNCHER_URL", "relay_launcher_events_consumed_total", consumed);
            processes.freezeFor("workflow-launcher", Duration.ofSeconds(6));
          } finally {
            processes.thaw("api-server");
          }
        });
    double seen = metric("LAUNCHER_URL", "relay_launcher_events_redeliveries_total") - redeliveries;
    REPORT.note("JetStream redeliveries to the launcher after AckWait: " + seen);
    assertThat(seen).as("redeliveries forced by AckWait").isPositive();
  }

  @Test
  @Order(10)
  void noApiCallWasRefusedThroughAllTheFaults() throws Exception {
    // every call of every service and simulated controller, restarts included, passed the chart's
    // RBAC and the CRD schemas
    assertThat(KubernetesApiStandIn.fetchRefusals(chain.endpoint("KUBERNETES_API"))).isEmpty();
  }

  @Test
  @Order(11)
  void stoppingTheChainAlsoStopsTheProcessesItRestarted() {
    List<ProcessHandle> running = chain.processes().toList();
    assertThat(running).as("processes under run.sh, restarted ones included").isNotEmpty();

    chain.close();

    await("every process run.sh started or restarted has exited")
        .atMost(Duration.ofSeconds(30))
        .until(() -> running.stream().noneMatch(ProcessHandle::isAlive));
  }

  private static final Runnable NOTHING = () -> {};

  /** Runs {@code fault} once the first Workflows of the backlog exist, with the rest in flight. */
  private void midway(Runnable fault) {
    await("the backlog under way")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                kube.genericKubernetesResources(RelayCustomResources.WORKFLOW)
                        .inAnyNamespace()
                        .list()
                        .getItems()
                        .size()
                    > workflowsBefore);
    fault.run();
  }

  private static void awaitMetricAbove(String service, String name, double floor) {
    await(name + " above " + floor)
        .atMost(Duration.ofSeconds(30))
        .until(() -> metric(service, name) > floor);
  }

  private int workflowsBefore;

  /**
   * Prepares the fault ({@code before}), sends a backlog, injects it ({@code after}), and checks
   * the promise once everything has settled.
   */
  private void survive(String fault, Runnable before, Runnable after) {
    List<String> good = new ArrayList<>();
    List<String> poison = new ArrayList<>();
    workflowsBefore =
        kube.genericKubernetesResources(RelayCustomResources.WORKFLOW)
            .inAnyNamespace()
            .list()
            .getItems()
            .size();
    long faultAt = System.nanoTime();
    before.run();
    sendBacklog(good, poison);
    after.run();
    await("every good message ends COMPLETED after: " + fault + " (logs: " + chain.logs() + ")")
        .atMost(SETTLING)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> completed(good).size() == good.size());
    Map<String, String> deadLetters =
        await("every poison message dead-lettered after: " + fault)
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> deadLetterReasons(poison), reasons -> reasons.size() == poison.size());
    Duration recovery = Duration.ofNanos(System.nanoTime() - faultAt);
    processes.awaitThawed();

    Map<String, Integer> workflows = workflowsByRun(good);
    Map<String, Integer> applications = countByRun(RelayCustomResources.SPARK_APPLICATION, good);
    int duplicateWorkflows = workflows.values().stream().mapToInt(n -> n - 1).sum();
    int duplicateApplications =
        applications.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
    int lost = (int) good.stream().filter(id -> !workflows.containsKey(id)).count();
    REPORT.row(
        fault,
        good.size() + poison.size(),
        workflows.values().stream().mapToInt(Integer::intValue).sum(),
        duplicateWorkflows + duplicateApplications,
        lost,
        deadLetters.size(),
        recovery);

    assertThat(lost).as("messages without a Workflow after " + fault).isZero();
    assertThat(workflows.values()).as("Workflows per run after " + fault).containsOnly(1);
    assertThat(duplicateApplications).as("extra SparkApplications after " + fault).isZero();
    assertThat(deadLetters.values())
        .as("reasons of the poison messages' dead letters after " + fault)
        .containsOnly(POISON_REASON);
    assertThat(workflowsByRun(poison)).as("Workflows of poison messages").isEmpty();
    collectFinishedRuns();
  }

  /**
   * Deletes the finished runs' Workflows, SparkApplications and pods, as Argo's ttlStrategy and the
   * Spark Operator's clean-up would in a cluster. The CRUD stand-in scans every stored object on
   * every call, so without this a long run ({@code -Dchaos.messages}) slows down fault after fault
   * until runs no longer finish in time.
   *
   * <p>A cluster's clean-up comes a day after the run, long after the launcher settled its events.
   * Here it comes seconds after, so it first waits for the launcher to have no event in hand or
   * waiting for a retry: a create that timed out is retried up to a minute later, and would meet no
   * Workflow to find already created.
   */
  private static void collectFinishedRuns() {
    await("the launcher's consumer settled (nothing pending, nothing unacknowledged)")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> jetStream.consumerSettled(EVENT_STREAM, LAUNCHER_CONSUMER));
    kube.genericKubernetesResources(RelayCustomResources.WORKFLOW)
        .inAnyNamespace()
        .withLabel(RUN_ID)
        .delete();
    kube.genericKubernetesResources(RelayCustomResources.SPARK_APPLICATION)
        .inAnyNamespace()
        .withLabel(RUN_ID)
        .delete();
    kube.pods().inAnyNamespace().withLabel(RUN_ID).delete();
    await("the finished runs' Workflows deleted")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        kube.genericKubernetesResources(RelayCustomResources.WORKFLOW)
                            .inAnyNamespace()
                            .withLabel(RUN_ID)
                            .list()
                            .getItems())
                    .extracting(item -> item.getMetadata().getName())
                    .as("Workflows left (or created again) after the clean-up")
                    .isEmpty());
  }

  private void sendBacklog(List<String> good, List<String> poison) {
    String queueUrl = chain.endpoint("QUEUE_URL");
    List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
    Map<String, Boolean> poisonById = new HashMap<>();
    for (int i = 0; i < MESSAGES; i++) {
      // 1% poison, at least one per backlog: a parameter that fails its pattern
      boolean isPoison = i % 100 == 50 || (MESSAGES < 100 && i == MESSAGES / 2);
      String body = isPoison ? POISON : "{\"job\":\"pi\"}";
      batch.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(body).build());
      poisonById.put("m" + i, isPoison);
      if (batch.size() == 10 || i == MESSAGES - 1) {
        List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
        sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries))
            .successful()
            .forEach(ok -> (poisonById.get(ok.id()) ? poison : good).add(ok.messageId()));
        batch.clear();
      }
    }
    assertThat(good.size() + poison.size()).isEqualTo(MESSAGES);
  }

  private Map<String, Integer> workflowsByRun(List<String> runIds) {
    return countByRun(RelayCustomResources.WORKFLOW, runIds);
  }

  private Map<String, Integer> countByRun(
      io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext kind,
      List<String> runIds) {
    Set<String> wanted = new HashSet<>(runIds);
    Map<String, Integer> counts = new HashMap<>();
    for (GenericKubernetesResource item :
        kube.genericKubernetesResources(kind).inAnyNamespace().list().getItems()) {
      String runId = item.getMetadata().getLabels().get(RUN_ID);
      if (wanted.contains(runId)) {
        counts.merge(runId, 1, Integer::sum);
      }
    }
    return counts;
  }

  private Set<String> completed(List<String> runIds) throws Exception {
    Set<String> done = new HashSet<>();
    for (String runId : runIds) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(chain.endpoint("REPORTER_URL") + "/api/v1/runs/" + runId))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200
          && "COMPLETED".equals(JSON.readTree(response.body()).path("state").asText())) {
        done.add(runId);
      }
    }
    return done;
  }

  /** The reason of the launcher's dead letter of each of {@code runIds} that has one. */
  private Map<String, String> deadLetterReasons(List<String> runIds) {
    Set<String> wanted = new HashSet<>(runIds);
    Map<String, String> reasons = new HashMap<>();
    for (JetStreamProbe.StoredMessage message : jetStream.messages("RELAY_DEAD")) {
      try {
        JsonNode data = JSON.readTree(message.data()).path("data");
        String runId = data.path("runId").asText();
        if (wanted.contains(runId)) {
          reasons.put(runId, data.path("reason").asText());
        }
      } catch (Exception e) {
        // not ours
      }
    }
    return reasons;
  }

  /** A counter summed over its series, as the service exports it now; 0 while it cannot answer. */
  private static double metric(String service, String name) {
    try {
      return MetricsProbe.valueAt(chain.endpoint(service), name);
    } catch (IllegalStateException e) {
      return 0;
    }
  }
}
