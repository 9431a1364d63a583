package io.sparkrelay.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.standin.ApiRequestLog;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.RelayCustomResources;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.JetStreamProbe.StoredMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A batch of messages through the four service processes on the local chain (real ElasticMQ,
 * nats-server and mock API server; simulated Argo controller, Spark Operator and kubelet), started
 * by {@code deploy/local/run.sh}: every message ends where the product promises, each with one
 * Workflow at most, and the status-reporter tells what the simulator did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalChainEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  enum Expected {
    COMPLETED,
    OOM,
    IMAGE_PULL,
    DEAD_LETTER,
    MALFORMED
  }

  record Sent(String body, Expected expected, String runId) {}

  /** A message of an odd or hostile class, and the answer the reporter must give for it. */
  record Answered(String body, String state, String reason, String message, String runId) {}

  private static final String NOT_READABLE = ", so no trigger rule can read it";

  private static final String BAD_EXECUTORS = "{\"job\":\"pi\",\"executors\":\"many\"}";
  private static final String ARGO_EXPRESSION =
      "{\"job\":\"taxi-trip\",\"input\":\"{{workflow.name}}\"}";

  /**
   * The reason the launcher writes in the dead letter of each message with a bad parameter (its
   * refusal, prefixed with the rule), which the reporter also gives as the run's message.
   */
  private static final Map<String, String> DEAD_LETTER_REASONS =
      Map.of(
          BAD_EXECUTORS,
          "rule 'pi': parameter 'executors': value 'many' does not match pattern"
              + " '([1-9][0-9]?)?'",
          ARGO_EXPRESSION,
          "rule 'taxi-trip': parameter 'input': value contains '{{' (Argo would evaluate it)");

  private static final List<Answered> answered = new ArrayList<>();

  private static LocalChain chain;
  private static SqsClient sqs;
  private static KubernetesClient kube;
  private static JetStreamProbe jetStream;
  private static final List<Sent> sent = new ArrayList<>();

  @BeforeAll
  static void startTheChainAndSendABatch() throws Exception {
    chain = LocalChain.start(Duration.ofMillis(100), Duration.ofMillis(600));
    sqs = chain.sqsClient();
    kube = chain.kubernetesClient();
    jetStream =
        JetStreamProbe.withCredentials(
            chain.endpoint("NATS_URL"),
            chain.endpoint("NATS_ADMIN_USER"),
            chain.endpoint("NATS_ADMIN_PASSWORD"),
            java.nio.file.Path.of(chain.endpoint("NATS_CA_FILE")));

    List<Map.Entry<String, Expected>> batch = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      batch.add(
          Map.entry("{\"job\":\"pi\",\"executors\":\"" + (i % 3 + 1) + "\"}", Expected.COMPLETED));
    }
    for (int i = 0; i < 2; i++) {
      batch.add(
          Map.entry(
              "{\"job\":\"taxi-trip\",\"input\":\"s3://spark-relay-data/taxi-trip/input/\","
                  + "\"output\":\"s3://spark-relay-data/taxi-trip/output/"
                  + i
                  + "/\"}",
              Expected.COMPLETED));
      batch.add(Map.entry("{\"job\":\"pi\",\"scenario\":\"oom\"}", Expected.OOM));
      batch.add(Map.entry("{\"job\":\"pi\",\"scenario\":\"image-pull\"}", Expected.IMAGE_PULL));
    }
    batch.add(Map.entry(BAD_EXECUTORS, Expected.DEAD_LETTER));
    batch.add(Map.entry(ARGO_EXPRESSION, Expected.DEAD_LETTER));
    batch.add(Map.entry("{\"job\": \"pi\"", Expected.MALFORMED));
    String queueUrl = chain.endpoint("QUEUE_URL");
    for (Map.Entry<String, Expected> message : batch) {
      String runId =
          sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.getKey())).messageId();
      sent.add(new Sent(message.getKey(), message.getValue(), runId));
    }
    for (Answered message : oddMessages(queueUrl)) {
      String runId =
          sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body())).messageId();
      answered.add(
          new Answered(
              message.body(), message.state(), message.reason(), message.message(), runId));
    }
  }

  /** One message per class of odd input, with the state, reason label and message it must get. */
  private static List<Answered> oddMessages(String queueUrl) {
    String longInput = "s3://spark-relay-data/" + "a".repeat(5000) + "/";
    String deep = "[".repeat(100) + "]".repeat(100);
    return List.of(
        new Answered(
            "{\"job\":\"pi\"},\"id\":\"forged-id\"",
            "DEAD_LETTERED",
            "body-not-object",
            "the body has text after the JSON value (at character 12)" + NOT_READABLE,
            null),
        new Answered(
            "{\"job\":\"pi\"},\"type\":\"x\",\"source\":\"y\"",
            "DEAD_LETTERED",
            "body-not-object",
            "the body has text after the JSON value (at character 12)" + NOT_READABLE,
            null),
        new Answered(
            "{\"job\":\"pi\",\"job\":\"taxi-trip\"}",
            "DEAD_LETTERED",
            "body-not-object",
            "the body has the key 'job' twice" + NOT_READABLE,
            null),
        new Answered(
            "{\"job\":\"pi\",\"x\":" + deep + "}",
            "DEAD_LETTERED",
            "body-not-object",
            "the body is nested deeper than 64 levels" + NOT_READABLE,
            null),
        new Answered(
            "\uFEFF{\"job\":\"pi\"}",
            "DEAD_LETTERED",
            "body-not-object",
            "the body starts with a byte-order mark (U+FEFF)" + NOT_READABLE,
            null),
        new Answered(
            "\"{\\\"job\\\":\\\"pi\\\"}\"",
            "DEAD_LETTERED",
            "body-not-object",
            "the body is a JSON string, not an object (the string holds JSON text: send the object"
                + " itself, not a quoted copy of it)"
                + NOT_READABLE,
            null),
        new Answered(
            "[{\"job\":\"pi\"}]",
            "DEAD_LETTERED",
            "body-not-object",
            "the body is a JSON array, not an object" + NOT_READABLE,
            null),
        new Answered(
            "{\"job\":\"taxi-trip\",\"input\":\"" + longInput + "\"}",
            "DEAD_LETTERED",
            "invalid-parameter",
            "rule 'taxi-trip': parameter 'input': value is 5023 characters long, over the maximum"
                + " of 4096",
            null),
        new Answered(
            "{\"job\":\"taxi-trip\",\"input\":\"s3://b/\\\",\\\"namespace\\\":\\\"x\"}",
            "DEAD_LETTERED",
            "invalid-parameter",
            "rule 'taxi-trip': parameter 'input': value contains '\"' at character 7, which no"
                + " parameter may carry (it would change the Workflow's JSON)",
            null),
        new Answered(
            "{\"job\":\"unknown-job\"}",
            "FILTERED",
            "no-matching-rule",
            "the message matches no trigger rule: its event (type 'io.spark-relay.sqs.message',"
                + " source '"
                + queueUrl
                + "') was held against the rules taxi-trip, pi, and no Workflow was created",
            null),
        new Answered(
            "{\"job\":\"pi\",\"executors\":\"50\"}",
            "REFUSED",
            "max-executors",
            "50 executors asked, at most 10 allowed",
            null),
        new Answered(
            "{\"job\":\"taxi-trip\",\"input\":\"s3://spark-relay-data/taxi-trip/input/\","
                + "\"output\":\"s3://spark-relay-data/taxi-trip/scripts/\"}",
            "REFUSED",
            "writable-prefixes",
            "output argument 1 's3://spark-relay-data/taxi-trip/scripts/' must be one S3 URI under"
                + " a writable prefix of profile 'taxi-trip'"
                + " [s3a://spark-relay-data/taxi-trip/output/]",
            null),
        new Answered(
            "{\"job\":\"taxi-trip\",\"input\":\"s3a://spark-relay-data/spark-event-logs/\"}",
            "REFUSED",
            "protected-prefixes",
            "argument 0 's3a://spark-relay-data/spark-event-logs/' is under the job's event-log"
                + " directory 's3://spark-relay-data/spark-event-logs', which no run may name",
            null));
  }

  @AfterAll
  static void stopTheChain() {
    LocalChain.closeAll(sqs, kube, chain);
  }

  @Test
  @Order(1)
  void everyGoodMessageCompletesAndEveryFailureFailsWithItsReason() {
    for (Sent message : sent(Expected.COMPLETED, Expected.OOM, Expected.IMAGE_PULL)) {
      JsonNode run = awaitEnd(message.runId());
      switch (message.expected()) {
        case COMPLETED ->
            assertThat(run.path("state").asText()).as(message.body()).isEqualTo("COMPLETED");
        case OOM -> {
          assertThat(run.path("state").asText()).isEqualTo("FAILED");
          assertThat(run.path("reason").asText()).isEqualTo("OOMKilled");
        }
        default -> {
          assertThat(run.path("state").asText()).isEqualTo("FAILED");
          assertThat(run.path("reason").asText()).isIn("ImagePullBackOff", "ErrImagePull");
        }
      }
      assertThat(stages(run)).startsWith("RECEIVED", "WORKFLOW_CREATED", "SPARK_SUBMITTED");
    }
  }

  @Test
  @Order(2)
  void everyMessageWithBadParametersIsADeadLetterWithItsReason() throws Exception {
    for (Sent message : sent(Expected.DEAD_LETTER)) {
      StoredMessage dead =
          await("dead letter of " + message.body())
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(200))
              .until(() -> deadLetter(message.runId()), Optional::isPresent)
              .orElseThrow();
      JsonNode data = cloudEventData(dead.data());
      assertThat(dead.subject()).isEqualTo("relay.dead.workflow-launcher");
      assertThat(dead.messageId()).isEqualTo(message.runId() + ":dead:workflow-launcher");
      assertThat(data.path("service").asText()).isEqualTo("workflow-launcher");
      assertThat(data.path("runId").asText()).isEqualTo(message.runId());
      assertThat(data.path("cause").asText()).isEqualTo("invalid-parameter");
      String reason = DEAD_LETTER_REASONS.get(message.body());
      assertThat(data.path("reason").asText()).as("reason of " + message.body()).isEqualTo(reason);
      assertThat(data.path("original").path("id").asText()).isEqualTo(message.runId());
      assertThat(workflows(message.runId())).isEmpty();
      // and the reporter answers the run with the same reason
      JsonNode run = awaitAnswer(message.runId());
      assertThat(run.path("state").asText()).isEqualTo("DEAD_LETTERED");
      assertThat(run.path("reason").asText()).isEqualTo("invalid-parameter");
      assertThat(run.path("message").asText()).as("message of " + message.body()).isEqualTo(reason);
    }
  }

  @Test
  @Order(3)
  void aBodyThatIsNotJsonReachesTheEventBusAndIsADeadLetterWithItsReason() throws Exception {
    Sent message = sent(Expected.MALFORMED).get(0);
    // the bridge forwards what it cannot parse as text; the launcher refuses it with the reason
    StoredMessage event =
        await("event " + message.runId())
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    jetStream.messages("RELAY_EVENTS").stream()
                        .filter(m -> message.runId().equals(m.messageId()))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    JsonNode envelope = JSON.readTree(event.data());
    assertThat(envelope.path("datacontenttype").asText()).startsWith("text/plain");
    assertThat(envelope.path("data").asText()).isEqualTo(message.body());
    assertThat(envelope.path("bodyerror").asText()).startsWith("the body is not JSON: ");
    JsonNode run = awaitAnswer(message.runId());
    assertThat(run.path("state").asText()).isEqualTo("DEAD_LETTERED");
    assertThat(run.path("reason").asText()).isEqualTo("body-not-object");
    assertThat(run.path("message").asText())
        .isEqualTo(envelope.path("bodyerror").asText() + NOT_READABLE);
    assertThat(run.at("/deadLetter/body").asText()).isEqualTo(message.body());
    assertThat(workflows(message.runId())).isEmpty();
  }

  @Test
  @Order(3)
  void everyOddMessageIsAnsweredWithOneFinalStateAndAReasonItsSenderCanActOn() throws Exception {
    for (Answered message : answered) {
      JsonNode run = awaitAnswer(message.runId());
      String what = abbreviated(message.body());
      assertThat(run.path("state").asText()).as("state of " + what).isEqualTo(message.state());
      assertThat(run.path("reason").asText()).as("reason of " + what).isEqualTo(message.reason());
      assertThat(run.path("message").asText())
          .as("message of " + what)
          .isEqualTo(message.message());
      assertThat(run.path("runId").asText()).isEqualTo(message.runId());
      assertThat(stages(run)).as("timeline of " + what).first().isEqualTo("RECEIVED");
      if (message.state().equals("DEAD_LETTERED")) {
        assertThat(run.at("/deadLetter/service").asText()).isEqualTo("workflow-launcher");
      }
      if (!message.state().equals("REFUSED")) {
        assertThat(workflows(message.runId())).as("Workflows of " + what).isEmpty();
      }
      assertThat(applications(message.runId())).as("applications of " + what).isEmpty();
    }
    // no body chose its own id: the forged ones are no runs at all
    assertThat(run("forged-id")).isNull();
    assertThat(workflows("forged-id")).isEmpty();
  }

  @Test
  @Order(4)
  void exactlyOneWorkflowAndAtMostOneSparkApplicationPerMessage() {
    for (Sent message : sent(Expected.COMPLETED, Expected.OOM, Expected.IMAGE_PULL)) {
      awaitEnd(message.runId());
      assertThat(workflows(message.runId())).as(message.body()).hasSize(1);
      assertThat(applications(message.runId())).as(message.body()).hasSize(1);
    }
    int accepted = sent(Expected.COMPLETED, Expected.OOM, Expected.IMAGE_PULL).size();
    long refused = answered.stream().filter(m -> m.state().equals("REFUSED")).count();
    assertThat(
            kube.genericKubernetesResources(RelayCustomResources.WORKFLOW)
                .inAnyNamespace()
                .list()
                .getItems())
        .hasSize(accepted + (int) refused);
    assertThat(
            kube.genericKubernetesResources(RelayCustomResources.SPARK_APPLICATION)
                .inAnyNamespace()
                .list()
                .getItems())
        .hasSize(accepted);
    // the bridge deleted every message it handed over: nothing left, nothing redriven to the DLQ
    assertThat(LocalChain.approximateCount(sqs, chain.endpoint("QUEUE_URL"))).isZero();
    assertThat(LocalChain.approximateCount(sqs, chain.endpoint("DLQ_URL"))).isZero();
    // and the reporter announced each end once
    List<StoredMessage> ends =
        new ArrayList<>(jetStream.messages("RELAY_RUNS", "relay.runs.completed"));
    ends.addAll(jetStream.messages("RELAY_RUNS", "relay.runs.failed"));
    for (Sent message : sent(Expected.COMPLETED, Expected.OOM, Expected.IMAGE_PULL)) {
      assertThat(ends)
          .filteredOn(m -> m.messageId() != null && m.messageId().startsWith(message.runId() + ":"))
          .as("end events of " + message.runId())
          .hasSize(1);
    }
  }

  @Test
  @Order(5)
  void theServicesOnlyCreateAndWatchUnderTheirOwnNames() throws Exception {
    List<Sent> accepted = sent(Expected.COMPLETED, Expected.OOM, Expected.IMAGE_PULL);
    accepted.forEach(message -> awaitEnd(message.runId()));
    Map<String, Long> calls = ApiRequestLog.fetch(chain.endpoint("KUBERNETES_API"));
    assertThat(calls)
        .as("one create per accepted message, by the service that owns the kind")
        .containsEntry(
            "spark-relay-workflow-launcher create workflows",
            accepted.size() + answered.stream().filter(m -> m.state().equals("REFUSED")).count())
        .containsEntry(
            "spark-relay-spark-submitter create sparkapplications", (long) accepted.size());
    // every submission was held to the Workflow it names: at least one read per Workflow that asked
    assertThat(calls.get("spark-relay-spark-submitter get workflows"))
        .as("the submitter reads the Workflow a request names")
        .isGreaterThanOrEqualTo(
            accepted.size() + answered.stream().filter(m -> m.state().equals("REFUSED")).count());
    assertThat(calls.keySet())
        .as("the status-reporter watches all three kinds")
        .contains(
            "spark-relay-status-reporter watch workflows",
            "spark-relay-status-reporter watch sparkapplications",
            "spark-relay-status-reporter watch pods");
    for (String service : List.of("workflow-launcher", "spark-submitter", "status-reporter")) {
      Map<String, Long> own =
          calls.entrySet().stream()
              .filter(e -> e.getKey().startsWith("spark-relay-" + service + " "))
              .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertThat(own.keySet())
          .as(service + ": creates, and informers' list-then-watch; nothing changed or polled")
          .allMatch(
              key ->
                  key.matches("\\S+ (create|list|watch) \\S+")
                      // the submitter reads the Workflow each request names (issue 15)
                      || key.equals("spark-relay-spark-submitter get workflows"));
      long lists = verbCount(own, "list");
      assertThat(lists)
          .as(service + ": every list is an informer's start, followed by its watch")
          .isLessThanOrEqualTo(verbCount(own, "watch"));
    }
  }

  @Test
  @Order(6)
  void theReportersAnswerMatchesWhatTheSimulatorDid() {
    for (Sent message : sent(Expected.COMPLETED, Expected.OOM, Expected.IMAGE_PULL)) {
      JsonNode run = awaitEnd(message.runId());
      GenericKubernetesResource workflow = workflows(message.runId()).get(0);
      GenericKubernetesResource application = applications(message.runId()).get(0);
      Map<String, Object> workflowStatus = status(workflow);
      Map<String, Object> appState = map(status(application).get("applicationState"));

      assertThat(run.at("/workflow/name").asText()).isEqualTo(workflow.getMetadata().getName());
      assertThat(run.at("/workflow/phase").asText()).isEqualTo(workflowStatus.get("phase"));
      assertThat(run.at("/application/name").asText())
          .isEqualTo(application.getMetadata().getName());
      assertThat(run.at("/application/state").asText()).isEqualTo(appState.get("state"));
      assertThat(run.at("/application/errorMessage").asText(""))
          .isEqualTo(String.valueOf(appState.getOrDefault("errorMessage", "")));

      List<Pod> pods =
          kube.pods()
              .inNamespace(application.getMetadata().getNamespace())
              .withLabel("spark-relay.io/run-id", message.runId())
              .list()
              .getItems();
      Pod driver =
          pods.stream()
              .filter(p -> "driver".equals(p.getMetadata().getLabels().get("spark-role")))
              .findFirst()
              .orElseThrow();
      JsonNode reportedDriver =
          stream(run.path("pods"))
              .filter(p -> p.path("role").asText().equals("driver"))
              .findFirst()
              .orElseThrow();
      assertThat(reportedDriver.path("name").asText()).isEqualTo(driver.getMetadata().getName());
      assertThat(reportedDriver.path("phase").asText()).isEqualTo(driver.getStatus().getPhase());
      assertThat(stream(run.path("pods")).map(p -> p.path("name").asText()).toList())
          .containsAll(pods.stream().map(p -> p.getMetadata().getName()).toList());
      if (message.expected() == Expected.OOM) {
        assertThat(
                driver
                    .getStatus()
                    .getContainerStatuses()
                    .get(0)
                    .getState()
                    .getTerminated()
                    .getReason())
            .isEqualTo(run.path("reason").asText());
      }
      if (message.expected() == Expected.IMAGE_PULL) {
        assertThat(
                driver
                    .getStatus()
                    .getContainerStatuses()
                    .get(0)
                    .getState()
                    .getWaiting()
                    .getReason())
            .isEqualTo("ImagePullBackOff");
      }
    }
  }

  private static long verbCount(Map<String, Long> calls, String verb) {
    return calls.entrySet().stream()
        .filter(e -> e.getKey().split(" ")[1].equals(verb))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  @Test
  @Order(6)
  void noApiCallWasRefusedAndEveryRuleOfTheChartsRolesWasNeeded() throws Exception {
    sent(Expected.COMPLETED, Expected.OOM, Expected.IMAGE_PULL)
        .forEach(message -> awaitEnd(message.runId()));
    String api = chain.endpoint("KUBERNETES_API");
    assertThat(KubernetesApiStandIn.fetchRefusals(api))
        .as(
            "calls the stand-in refused (401, 403, 404, 422) under the chart's RBAC and the CRD schemas")
        .isEmpty();

    List<ApiRequestLog.Entry> calls = ApiRequestLog.fetchEntries(api);
    System.out.println("API calls of the run, by identity, verb, resource and namespace:");
    calls.forEach(
        call ->
            System.out.printf(
                "  %-70s %-6s %-28s %-15s %5d%n",
                call.identity(), call.verb(), call.resource(), call.namespace(), call.count()));
    JsonNode usage = JSON.readTree(get(api + "/relay-stand-in/rbac-usage"));
    System.out.println("RBAC rules and the requests each allowed:");
    stream(usage)
        .forEach(
            rule ->
                System.out.printf(
                    "  %-60s #%d %-40s %-40s %5d%n",
                    rule.path("role").asText(),
                    rule.path("rule").asInt(),
                    rule.path("resources"),
                    rule.path("verbs"),
                    rule.path("allowed").asLong()));
    assertThat(
            stream(usage)
                .filter(rule -> rule.path("role").asText().contains("spark-relay-"))
                .filter(rule -> !rule.path("role").asText().contains("spark-relay-workflow"))
                .filter(rule -> rule.path("allowed").asLong() == 0)
                .map(rule -> rule.path("role").asText() + " #" + rule.path("rule").asInt()))
        .as("rules of the chart's Roles that no call needed (Roles stay minimal)")
        .isEmpty();
  }

  private static String get(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  @Order(6)
  void natsRefusedNoCallOfAnyServiceAndTheirUsersAreTheShippedOnes() throws Exception {
    // nats-server runs with deploy/nats/spark-relay-users.conf and TLS: the batch above passed with
    // each service's own user, and the server logged no permission or authorization violation
    String log = java.nio.file.Files.readString(chain.logs().resolve("nats.log"));
    assertThat(log.lines().filter(line -> line.contains("Violation")).toList()).isEmpty();
    for (String user :
        List.of("sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter")) {
      assertThat(
              java.nio.file.Files.readString(
                  java.nio.file.Path.of(chain.endpoint("NATS_CA_FILE"))
                      .getParent()
                      .resolveSibling(user + ".properties")))
          .startsWith("relay.nats.username=" + user + "\n");
    }
  }

  @Test
  @Order(6)
  @EnabledIfSystemProperty(named = "relay.chain.containers", matches = "true")
  void inContainersEveryServiceRanAsTheChartsPodTemplateSaysAndStayedReady() throws Exception {
    for (String service :
        List.of("sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter")) {
      JsonNode container = podmanInspect(containerName(service)).orElseThrow();
      JsonNode host = container.path("HostConfig");
      assertThat(container.at("/Config/User").asText()).as(service).isEqualTo("185:185");
      assertThat(container.at("/Config/Image").asText())
          .as(service)
          .isEqualTo("ghcr.io/spark-relay/" + service + ":0.1.0");
      assertThat(host.path("ReadonlyRootfs").asBoolean()).as(service).isTrue();
      assertThat(host.path("Memory").asLong()).as(service).isEqualTo(512L * 1024 * 1024);
      assertThat(host.path("CpuShares").asLong()).as(service).isEqualTo(102);
      assertThat(host.path("CapAdd").size()).as(service).isZero();
      assertThat(host.path("SecurityOpt").toString()).as(service).contains("no-new-privileges");
      assertThat(host.at("/Tmpfs/~1tmp").asText()).as(service).contains("size=268435456");
      assertThat(container.at("/State/Running").asBoolean()).as(service).isTrue();
    }
    // run.sh ran each container's readiness probe all along, as a kubelet does
    assertThat(chain.runDir().resolve("readiness-failures")).doesNotExist();
  }

  @Test
  @Order(7)
  void stoppingRunShLeavesNoProcessBehind() {
    List<ProcessHandle> children = chain.children();
    assertThat(children).hasSizeGreaterThanOrEqualTo(8);

    chain.close();

    assertThat(chain.isRunning()).isFalse();
    await("every process run.sh started has exited")
        .atMost(Duration.ofSeconds(30))
        .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    if (LocalChain.inContainers()) {
      await("every container run.sh started is gone")
          .atMost(Duration.ofSeconds(30))
          .until(() -> podmanInspect(containerName("sqs-bridge")).isEmpty());
    }
  }

  /** run.sh names a service's container after the service and its port. */
  private static String containerName(String service) {
    String variable =
        switch (service) {
          case "sqs-bridge" -> "BRIDGE_URL";
          case "workflow-launcher" -> "LAUNCHER_URL";
          case "spark-submitter" -> "SUBMITTER_URL";
          default -> "REPORTER_URL";
        };
    return "spark-relay-" + service + "-" + URI.create(chain.endpoint(variable)).getPort();
  }

  /** {@code podman inspect} of a container, empty when there is none of that name. */
  private static Optional<JsonNode> podmanInspect(String name) throws Exception {
    Process inspect =
        new ProcessBuilder("podman", "container", "inspect", name)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = inspect.getInputStream().readAllBytes();
    if (inspect.waitFor() != 0) {
      return Optional.empty();
    }
    JsonNode all = new ObjectMapper().readTree(out);
    return all.isArray() && all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
  }

  private static List<Sent> sent(Expected... kinds) {
    List<Expected> wanted = List.of(kinds);
    return sent.stream().filter(s -> wanted.contains(s.expected())).toList();
  }

  private static JsonNode awaitEnd(String runId) {
    return await("run " + runId + " ended (logs: " + chain.logs() + ")")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> run(runId),
            run ->
                run != null && List.of("COMPLETED", "FAILED").contains(run.path("state").asText()));
  }

  /** The reporter's answer once the run is in one of its end states: within a minute, promised. */
  private static JsonNode awaitAnswer(String runId) {
    return await("answer for " + runId + " (logs: " + chain.logs() + ")")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> run(runId),
            run ->
                run != null
                    && List.of(
                            "COMPLETED",
                            "FAILED",
                            "REFUSED",
                            "DEAD_LETTERED",
                            "FILTERED",
                            "TOO_OLD")
                        .contains(run.path("state").asText()));
  }

  private static String abbreviated(String body) {
    return body.length() <= 80 ? body : body.substring(0, 80) + "...";
  }

  private static JsonNode run(String runId) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(chain.endpoint("REPORTER_URL") + "/api/v1/runs/" + runId))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }

  private static List<String> stages(JsonNode run) {
    return stream(run.path("timeline")).map(step -> step.path("stage").asText()).toList();
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  private static Optional<StoredMessage> deadLetter(String runId) {
    return jetStream.messages("RELAY_DEAD").stream()
        .filter(m -> m.messageId() != null && m.messageId().startsWith(runId + ":"))
        .findFirst();
  }

  private static JsonNode cloudEventData(String cloudEvent) throws Exception {
    JsonNode event = JSON.readTree(cloudEvent);
    JsonNode data = event.path("data");
    return data.isTextual() ? JSON.readTree(data.asText()) : data;
  }

  private static List<GenericKubernetesResource> workflows(String runId) {
    return labelled(RelayCustomResources.WORKFLOW, runId);
  }

  private static List<GenericKubernetesResource> applications(String runId) {
    return labelled(RelayCustomResources.SPARK_APPLICATION, runId);
  }

  private static List<GenericKubernetesResource> labelled(
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind, String runId) {
    return kube.genericKubernetesResources(kind)
        .inAnyNamespace()
        .withLabel("spark-relay.io/run-id", runId)
        .list()
        .getItems();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource resource) {
    return map(resource.getAdditionalProperties().get("status"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
