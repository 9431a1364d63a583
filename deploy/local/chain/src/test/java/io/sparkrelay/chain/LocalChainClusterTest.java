package io.sparkrelay.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.standin.RelayCustomResources;
import io.sparkrelay.testkit.MetricsProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local chain as production runs it: {@code run.sh --replicas 2 --nats-cluster}, two instances
 * of every service on their own ports and a three-node JetStream cluster with every stream and the
 * bucket on all three servers. Runs go through, the simulated Service spreads the Spark steps over
 * both submitters, and a killed instance or the stream leader killed loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalChainClusterTest {

  private static final List<String> URL_LISTS =
      List.of("BRIDGE_URLS", "LAUNCHER_URLS", "SUBMITTER_URLS", "REPORTER_URLS");
  private static final String GOOD = "{\"job\":\"pi\"}";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalChain chain;
  private static ChainProcesses processes;
  private static SqsClient sqs;
  private static KubernetesClient kube;
  private static NatsCluster nats;
  private static Reporter reporter;

  @BeforeAll
  static void startTheChain() throws Exception {
    chain =
        LocalChain.start(
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            // admission is not under test here: no 429 may disturb the count per instance
            Map.of("RELAY_ADMISSION_MAX_ACTIVE_PER_NAMESPACE", "1000"),
            "--replicas",
            "2",
            "--nats-cluster",
            "--restart-crashed");
    processes = new ChainProcesses(chain);
    sqs = chain.sqsClient();
    kube = chain.kubernetesClient();
    nats = new NatsCluster(chain);
    reporter = new Reporter(chain);
  }

  @AfterAll
  static void stop() {
    LocalChain.closeAll(processes, sqs, kube, chain);
  }

  @Test
  @Order(1)
  void everyInstanceIsListedInTheReadyFileAndReadyOnItsOwnPort() throws Exception {
    int base = URI.create(chain.endpoint("BRIDGE_URL")).getPort();
    for (int service = 0; service < URL_LISTS.size(); service++) {
      List<String> urls = chain.endpoints(URL_LISTS.get(service));
      assertThat(urls)
          .as(URL_LISTS.get(service))
          .containsExactly(
              "http://127.0.0.1:" + (base + service), "http://127.0.0.1:" + (base + 10 + service));
      for (String url : urls) {
        assertThat(status(url + "/q/health/ready")).as(url).isEqualTo(200);
      }
    }
    assertThat(chain.endpoints("NATS_URLS"))
        .containsExactly(
            "nats://127.0.0.1:" + (base + 6),
            "nats://127.0.0.1:" + (base + 16),
            "nats://127.0.0.1:" + (base + 26));
    assertThat(chain.endpoints("NATS_MONITOR_URLS"))
        .containsExactly(
            "http://127.0.0.1:" + (base + 7),
            "http://127.0.0.1:" + (base + 17),
            "http://127.0.0.1:" + (base + 27));
  }

  @Test
  @Order(2)
  void everyStreamAndTheBucketIsStoredOnAllThreeServers() {
    // the contract's streams and the reporter's bucket at least, and whatever else the services
    // made (the launcher's admission bucket): every one on all three servers
    List<String> streams =
        await("the services' streams")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(nats::streamNames, names -> names.containsAll(NatsCluster.STREAMS));
    for (String stream : streams) {
      NatsCluster.StreamPlacement placement =
          await(stream + " with a leader and two current peers")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(500))
              .ignoreExceptions()
              .until(() -> nats.placement(stream), NatsCluster.StreamPlacement::healthy);
      assertThat(placement.replicas()).as(stream + " replicas").isEqualTo(3);
      List<String> servers = new ArrayList<>(List.of(placement.leader()));
      placement.peers().forEach(peer -> servers.add(peer.name()));
      assertThat(servers)
          .as(stream + " leader and peers")
          .containsExactlyInAnyOrder("nats", "nats-1", "nats-2");
      assertThat(nats.leaderFromMonitoring(stream)).as(stream + " leader per /jsz").isPresent();
    }
  }

  @Test
  @Order(3)
  void theSparkStepsAreSpreadOverBothSubmitters() {
    List<String> runs = send(10);

    awaitCompleted(runs);

    assertThat(workflowsPerRun(runs)).as("Workflows per run").containsOnly(1);
    List<String> submitters = chain.endpoints("SUBMITTER_URLS");
    // the simulated Service takes the instances in turn, so both create; a step retried (a 429 or
    // a 503 on a busy machine) goes to the next one, so the split is five each only without retries
    double first = created(submitters.get(0));
    double second = created(submitters.get(1));
    assertThat(first + second).as("created by both instances").isEqualTo(10.0);
    assertThat(first).as("created by instance 0").isPositive();
    assertThat(second).as("created by instance 1").isPositive();
  }

  @Test
  @Order(4)
  void aKilledInstanceIsStartedAgainOnItsPortWhileTheOtherCarriesOn() {
    long bridge = processes.pid("sqs-bridge-1").orElseThrow();
    long submitter = processes.pid("spark-submitter-1").orElseThrow();
    processes.killNow("sqs-bridge-1");
    processes.killNow("spark-submitter-1");
    List<String> runs = send(10);

    awaitCompleted(runs);

    assertThat(workflowsPerRun(runs)).as("Workflows per run").containsOnly(1);
    assertThat(applicationsPerRun(runs)).as("SparkApplications per run").containsOnly(1);
    await("both instances started again by run.sh, ready on their ports")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                processes.pid("sqs-bridge-1").filter(pid -> pid != bridge).isPresent()
                    && processes
                        .pid("spark-submitter-1")
                        .filter(pid -> pid != submitter)
                        .isPresent()
                    && status(chain.endpoints("BRIDGE_URLS").get(1) + "/q/health/ready") == 200
                    && status(chain.endpoints("SUBMITTER_URLS").get(1) + "/q/health/ready") == 200);
  }

  @Test
  @Order(5)
  void theEventStreamsLeaderKilledAnotherServerLeadsAndNoMessageIsLost() {
    String leader =
        await("RELAY_EVENTS' leader")
            .atMost(Duration.ofSeconds(10))
            .until(() -> nats.leaderFromMonitoring("RELAY_EVENTS"), java.util.Optional::isPresent)
            .orElseThrow();
    List<String> runs = send(10);

    processes.kill(leader);

    awaitCompleted(runs);
    assertThat(workflowsPerRun(runs)).as("Workflows per run").containsOnly(1);
    NatsCluster.StreamPlacement after =
        await("RELAY_EVENTS led again, every peer current")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> nats.placement("RELAY_EVENTS"), NatsCluster.StreamPlacement::healthy);
    assertThat(after.replicas()).isEqualTo(3);
  }

  private static List<String> send(int count) {
    String queueUrl = chain.endpoint("QUEUE_URL");
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runs.add(sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(GOOD)).messageId());
    }
    return runs;
  }

  private static void awaitCompleted(List<String> runs) {
    await("every run COMPLETED (logs: " + chain.logs() + ")")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () ->
                runs.stream()
                    .allMatch(run -> reporter.state(run).filter("COMPLETED"::equals).isPresent()));
  }

  private static List<Integer> workflowsPerRun(List<String> runs) {
    return countsPerRun(RelayCustomResources.WORKFLOW, runs);
  }

  private static List<Integer> applicationsPerRun(List<String> runs) {
    return countsPerRun(RelayCustomResources.SPARK_APPLICATION, runs);
  }

  private static List<Integer> countsPerRun(
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind, List<String> runs) {
    List<Integer> counts = new ArrayList<>();
    for (String run : runs) {
      List<GenericKubernetesResource> items =
          kube.genericKubernetesResources(kind)
              .inAnyNamespace()
              .withLabel("spark-relay.io/run-id", run)
              .list()
              .getItems();
      counts.add(items.size());
    }
    return counts;
  }

  private static double created(String submitter) {
    return MetricsProbe.valueAt(
        submitter, "relay_submitter_submissions_total", "outcome=\"created\"");
  }

  private static int status(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
