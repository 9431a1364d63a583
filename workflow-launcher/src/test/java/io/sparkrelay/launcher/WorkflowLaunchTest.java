package io.sparkrelay.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.contract.RunNames;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.testkit.InjectKubernetesApi;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe.StoredMessage;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class WorkflowLaunchTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String WORKFLOWS_PATH =
      "/apis/argoproj.io/v1alpha1/namespaces/default/workflows";

  @InjectNatsServer NatsServerProcess nats;
  @InjectKubernetesApi KubernetesApiStandIn api;
  @Inject KubernetesClient kubernetes;

  private EventBusClient bus;

  @BeforeEach
  void connect() throws Exception {
    bus = new EventBusClient(nats.url());
    bus.ensureEventsStream();
  }

  @AfterEach
  void close() throws Exception {
    bus.close();
  }

  private List<GenericKubernetesResource> workflowsOf(String runId) {
    return LaunchedWorkflows.ofRun(kubernetes, runId);
  }

  private void awaitSettled() {
    await("consumer drained").atMost(DEADLINE).until(bus::consumerDrained);
  }

  private static String newRunId() {
    return UUID.randomUUID().toString();
  }

  @Test
  void aTaxiTripEventBecomesTheExpectedWorkflowAndIsAnnounced() throws Exception {
    String runId = newRunId();
    bus.publish(
        runId,
        "{\"job\":\"taxi-trip\",\"input\":\"s3://in-bucket/taxi/\","
            + "\"output\":\"s3://out-bucket/taxi/\",\"executors\":2}");

    await().atMost(DEADLINE).until(() -> workflowsOf(runId).size() == 1);
    GenericKubernetesResource workflow = workflowsOf(runId).getFirst();

    assertThat(workflow.getApiVersion()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(workflow.getKind()).isEqualTo("Workflow");
    assertThat(workflow.getMetadata().getName()).matches("taxi-trip-[0-9a-f]{10}");
    assertThat(workflow.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "spark-relay.io/run-id", runId,
                "spark-relay.io/trigger", "taxi-trip",
                "app.kubernetes.io/managed-by", "spark-relay"));
    Map<String, Object> spec = spec(workflow);
    // templateReferencing Strict: no serviceAccountName, no podMetadata (the WorkflowTemplate's)
    assertThat(spec.keySet()).containsExactlyInAnyOrder("workflowTemplateRef", "arguments");
    assertThat(spec.get("workflowTemplateRef")).isEqualTo(Map.of("name", "spark-relay-spark-job"));
    assertThat(spec.get("arguments"))
        .isEqualTo(
            Map.of(
                "parameters",
                List.of(
                    Map.of("name", "run-id", "value", runId),
                    Map.of("name", "job", "value", "taxi-trip"),
                    Map.of("name", "input", "value", "s3://in-bucket/taxi/"),
                    Map.of("name", "output", "value", "s3://out-bucket/taxi/"),
                    Map.of("name", "executors", "value", "2"))));

    await().atMost(DEADLINE).until(() -> bus.runEvents(runId).size() == 1);
    StoredMessage announced = bus.runEvents(runId).getFirst();
    String name = workflow.getMetadata().getName();
    assertThat(announced.messageId()).isEqualTo(runId + ":workflow-created:" + name);
    JsonNode data = EventBusClient.data(announced);
    assertThat(data.path("runId").asText()).isEqualTo(runId);
    assertThat(data.path("trigger").asText()).isEqualTo("taxi-trip");
    assertThat(data.path("workflow").path("name").asText()).isEqualTo(name);
    assertThat(data.path("workflow").path("namespace").asText()).isEqualTo("default");
    // RFC 3339 with its seconds, as the contract has it (not OffsetDateTime's "09:00Z")
    assertThat(data.path("eventTime").asText()).isEqualTo("2026-11-21T09:00:00Z");
    awaitSettled();
    assertThat(bus.deadLetters(runId)).isEmpty();
  }

  @Test
  void theSameEventDeliveredTwiceMakesOneWorkflow() throws Exception {
    String runId = newRunId();
    String data = "{\"job\":\"taxi-trip\"}";
    double existedBefore = MetricsProbe.value("relay_launcher_workflows_already_existed_total");

    bus.publish(runId, data);
    await().atMost(DEADLINE).until(() -> workflowsOf(runId).size() == 1);
    // the bridge's stream would drop this copy; a copy under another message id gets through
    bus.publish(runId, runId + "-copy", data);
    awaitSettled();
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                MetricsProbe.value("relay_launcher_workflows_already_existed_total")
                    > existedBefore);

    assertThat(workflowsOf(runId)).hasSize(1);
    assertThat(bus.runEvents(runId)).hasSize(1);
    assertThat(bus.deadLetters(runId)).isEmpty();
  }

  @Test
  void aCopyOfAnEventWhoseWorkflowRanAndWasCleanedUpMakesNoSecondWorkflow() throws Exception {
    String runId = newRunId();
    String data = "{\"job\":\"taxi-trip\"}";
    bus.publish(runId, data);
    await().atMost(DEADLINE).until(() -> workflowsOf(runId).size() == 1);
    awaitSettled();
    String name = workflowsOf(runId).getFirst().getMetadata().getName();
    double unfinished = MetricsProbe.value("relay_launcher_workflows_unfinished");
    // it runs to its end, and its TTL removes it
    workflows()
        .withName(name)
        .edit(
            w -> {
              w.getAdditionalProperties().put("status", Map.of("phase", "Succeeded"));
              return w;
            });
    await()
        .atMost(DEADLINE)
        .until(() -> MetricsProbe.value("relay_launcher_workflows_unfinished") == unfinished - 1);
    workflows().withName(name).delete();
    // a Workflow created after the deletion: once the informer counts it, it has seen the deletion
    String marker = "marker-" + runId;
    workflows()
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Workflow")
                .withNewMetadata()
                .withName(marker)
                .withLabels(Map.of(RelayLabels.MANAGED_BY, RelayLabels.MANAGED_BY_VALUE))
                .endMetadata()
                .build())
        .create();
    await()
        .atMost(DEADLINE)
        .until(() -> MetricsProbe.value("relay_launcher_workflows_unfinished") == unfinished);
    double existedBefore = MetricsProbe.value("relay_launcher_workflows_already_existed_total");

    // the same event again, under another message id (a redelivery after its Workflow was gone)
    bus.publish(runId, runId + "-late-copy", data);
    awaitSettled();

    assertThat(workflowsOf(runId)).isEmpty();
    assertThat(MetricsProbe.value("relay_launcher_workflows_already_existed_total"))
        .isEqualTo(existedBefore + 1);
    assertThat(bus.runEvents(runId)).hasSize(1);
    assertThat(bus.deadLetters(runId)).isEmpty();
    workflows().withName(marker).delete();
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      workflows() {
    return kubernetes
        .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
        .inNamespace("default");
  }

  @Test
  void apiErrorsOnTheFirstAttemptsAreRetriedIntoExactlyOneWorkflow() throws Exception {
    String runId = newRunId();
    double retriedBefore = MetricsProbe.value("relay_launcher_events_retried_total");
    api.server()
        .expect()
        .post()
        .withPath(WORKFLOWS_PATH)
        .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd timeout\"}")
        .times(2);

    bus.publish(runId, "{\"job\":\"taxi-trip\"}");

    await().atMost(DEADLINE).until(() -> workflowsOf(runId).size() == 1);
    awaitSettled();
    assertThat(workflowsOf(runId)).hasSize(1);
    assertThat(MetricsProbe.value("relay_launcher_events_retried_total"))
        .isGreaterThanOrEqualTo(retriedBefore + 2);
    assertThat(bus.deadLetters(runId)).isEmpty();
    assertThat(bus.runEvents(runId)).hasSize(1);
  }

  @Test
  void aParameterCarryingAnExpressionIsDeadLetteredWithoutAWorkflow() throws Exception {
    String runId = newRunId();
    bus.publish(runId, "{\"job\":\"taxi-trip\",\"input\":\"s3://in/{{workflow.name}}\"}");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    awaitSettled();

    StoredMessage dead = bus.deadLetters(runId).getFirst();
    assertThat(dead.messageId()).isEqualTo(runId + ":dead:workflow-launcher");
    JsonNode data = EventBusClient.data(dead);
    assertThat(data.path("service").asText()).isEqualTo("workflow-launcher");
    assertThat(data.path("runId").asText()).isEqualTo(runId);
    assertThat(data.path("cause").asText()).isEqualTo("invalid-parameter");
    assertThat(data.path("reason").asText())
        .isEqualTo(
            "rule 'taxi-trip': parameter 'input': value contains '{{' (Argo would evaluate it)");
    assertThat(data.path("original").path("id").asText()).isEqualTo(runId);
    assertThat(data.path("original").path("data").path("input").asText())
        .isEqualTo("s3://in/{{workflow.name}}");
    assertThat(workflowsOf(runId)).isEmpty();
  }

  @Test
  void aParameterFailingItsPatternIsDeadLetteredWithoutAWorkflow() throws Exception {
    String runId = newRunId();
    bus.publish(runId, "{\"job\":\"taxi-trip\",\"executors\":\"lots\"}");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    awaitSettled();

    assertThat(EventBusClient.data(bus.deadLetters(runId).getFirst()).path("reason").asText())
        .isEqualTo(
            "rule 'taxi-trip': parameter 'executors': value 'lots' does not match pattern"
                + " '([1-9][0-9]?)?'");
    assertThat(workflowsOf(runId)).isEmpty();
  }

  @Test
  void aRefusalOfTheApiIsDeadLetteredWithItsReason() throws Exception {
    String runId = newRunId();
    api.server()
        .expect()
        .post()
        .withPath(WORKFLOWS_PATH)
        .andReturn(
            422,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":422,"
                + "\"reason\":\"Invalid\",\"message\":\"spec.arguments: Invalid value\"}")
        .once();

    bus.publish(runId, "{\"job\":\"taxi-trip\"}");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    awaitSettled();
    assertThat(EventBusClient.data(bus.deadLetters(runId).getFirst()).path("reason").asText())
        .startsWith("rule 'taxi-trip': creating Workflow default/taxi-trip-")
        .contains("422")
        .contains("spec.arguments: Invalid value");
    assertThat(workflowsOf(runId)).isEmpty();
  }

  @Test
  void aWorkflowOfTheSameNameFromAnotherRunIsAConflict() throws Exception {
    String runId = newRunId();
    String name = RunNames.workflow("taxi-trip", runId);
    LaunchedWorkflows.createAs(kubernetes, name, "someone-else");

    bus.publish(runId, "{\"job\":\"taxi-trip\"}");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    awaitSettled();
    assertThat(EventBusClient.data(bus.deadLetters(runId).getFirst()).path("reason").asText())
        .isEqualTo(
            "Workflow default/" + name + " already exists for run id 'someone-else', not this run");
    assertThat(workflowsOf(runId)).isEmpty();
    assertThat(bus.runEvents(runId)).isEmpty();
  }

  @Test
  void anUnreadableEventIsDeadLetteredAsText() throws Exception {
    String messageId = newRunId();
    bus.publishRaw(messageId, "this is no CloudEvent".getBytes(StandardCharsets.UTF_8));

    await().atMost(DEADLINE).until(() -> bus.deadLetters(messageId).size() == 1);
    JsonNode data = EventBusClient.data(bus.deadLetters(messageId).getFirst());
    assertThat(data.path("reason").asText()).startsWith("not a CloudEvent");
    assertThat(data.path("original").asText()).isEqualTo("this is no CloudEvent");
  }

  @Test
  void anEventMatchingNoRuleIsAnsweredAsFilteredAndCounted() throws Exception {
    String runId = newRunId();
    double filteredBefore = MetricsProbe.value("relay_launcher_events_filtered_total");

    bus.publish(runId, "{\"job\":\"unknown-job\"}");

    await().atMost(DEADLINE).until(() -> bus.filteredEvents(runId).size() == 1);
    awaitSettled();
    StoredMessage filtered = bus.filteredEvents(runId).getFirst();
    assertThat(filtered.messageId()).isEqualTo(runId + ":unmatched");
    JsonNode data = EventBusClient.data(filtered);
    assertThat(data.path("runId").asText()).isEqualTo(runId);
    assertThat(data.path("eventType").asText()).isEqualTo("io.spark-relay.sqs.message");
    assertThat(data.path("eventSource").asText()).isEqualTo(EventBusClient.QUEUE_ARN);
    assertThat(data.path("eventTime").asText()).isEqualTo("2026-11-21T09:00:00Z");
    assertThat(data.path("rules").toString())
        .isEqualTo("[\"taxi-trip\",\"fan-out-a\",\"fan-out-b\",\"free-note\"]");
    assertThat(data.path("reason").asText())
        .isEqualTo(
            "the message matches no trigger rule: its event (type 'io.spark-relay.sqs.message',"
                + " source '"
                + EventBusClient.QUEUE_ARN
                + "') was held against the rules taxi-trip, fan-out-a, fan-out-b, free-note, and"
                + " no Workflow was created");
    assertThat(MetricsProbe.value("relay_launcher_events_filtered_total"))
        .isEqualTo(filteredBefore + 1);
    assertThat(workflowsOf(runId)).isEmpty();
    assertThat(bus.deadLetters(runId)).isEmpty();
  }

  @Test
  void aMessageBodyThatIsNotJsonIsADeadLetterWithTheBridgesReason() throws Exception {
    String runId = newRunId();
    double filteredBefore = MetricsProbe.value("relay_launcher_events_filtered_total");

    bus.publishText(
        runId, "\uFEFF{\"job\":\"pi\"}", "the body starts with a byte-order mark (U+FEFF)");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    awaitSettled();
    JsonNode data = EventBusClient.data(bus.deadLetters(runId).getFirst());
    assertThat(data.path("cause").asText()).isEqualTo("body-not-object");
    assertThat(data.path("reason").asText())
        .isEqualTo(
            "the body starts with a byte-order mark (U+FEFF), so no trigger rule can read it");
    assertThat(data.path("eventTime").asText()).isEqualTo("2026-11-21T09:00:00Z");
    assertThat(data.path("body").asText()).isEqualTo("\uFEFF{\"job\":\"pi\"}");
    assertThat(workflowsOf(runId)).isEmpty();
    assertThat(bus.filteredEvents(runId)).isEmpty();
    assertThat(MetricsProbe.value("relay_launcher_events_filtered_total"))
        .isEqualTo(filteredBefore);
  }

  @Test
  void textFromAnotherProducerIsADeadLetterSayingItIsText() throws Exception {
    String runId = newRunId();
    bus.publishText(runId, "{\"job\": \"pi\"", null);

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    assertThat(EventBusClient.data(bus.deadLetters(runId).getFirst()).path("reason").asText())
        .isEqualTo(
            "the body is text (text/plain; charset=utf-8), not JSON, so no trigger rule can read"
                + " it");
  }

  @Test
  void aJsonStringHoldingAnObjectIsNamedForWhatItIs() throws Exception {
    String runId = newRunId();
    bus.publish(runId, "\"{\\\"job\\\":\\\"pi\\\"}\"");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    assertThat(EventBusClient.data(bus.deadLetters(runId).getFirst()).path("reason").asText())
        .isEqualTo(
            "the body is a JSON string, not an object (the string holds JSON text: send the"
                + " object itself, not a quoted copy of it), so no trigger rule can read it");
  }

  @Test
  void aJsonArrayIsNamedForWhatItIs() throws Exception {
    String runId = newRunId();
    bus.publish(runId, "[{\"job\": \"pi\"}]");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    JsonNode data = EventBusClient.data(bus.deadLetters(runId).getFirst());
    assertThat(data.path("body").asText()).isEqualTo("[{\"job\":\"pi\"}]");
    assertThat(data.path("reason").asText())
        .isEqualTo("the body is a JSON array, not an object, so no trigger rule can read it");
    assertThat(data.path("cause").asText()).isEqualTo("body-not-object");
  }

  @Test
  void anEnvelopeWithASecondIdIsADeadLetterNotARun() throws Exception {
    String runId = newRunId();
    String forged =
        "{\"specversion\":\"1.0\",\"id\":\""
            + runId
            + "\",\"source\":\"q\",\"type\":\"io.spark-relay.sqs.message\","
            + "\"datacontenttype\":\"application/json\",\"data\":{\"job\":\"taxi-trip\"},"
            + "\"id\":\"forged-id\"}";
    bus.publishRaw(runId, forged.getBytes(StandardCharsets.UTF_8));

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    awaitSettled();
    JsonNode data = EventBusClient.data(bus.deadLetters(runId).getFirst());
    assertThat(data.path("runId").asText()).isEqualTo(runId);
    assertThat(data.path("cause").asText()).isEqualTo("invalid-event");
    assertThat(data.path("reason").asText())
        .isEqualTo("not a CloudEvent in structured JSON mode: the key 'id' appears twice");
    assertThat(data.path("original").asText()).isEqualTo(forged);
    assertThat(workflowsOf(runId)).isEmpty();
    assertThat(workflowsOf("forged-id")).isEmpty();
  }

  @Test
  void anEnvelopeWithTextAfterItIsADeadLetter() throws Exception {
    String runId = newRunId();
    String event =
        "{\"specversion\":\"1.0\",\"id\":\""
            + runId
            + "\",\"source\":\"q\",\"type\":\"t\",\"data\":{\"job\":\"taxi-trip\"}} {}";
    bus.publishRaw(runId, event.getBytes(StandardCharsets.UTF_8));

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    assertThat(EventBusClient.data(bus.deadLetters(runId).getFirst()).path("reason").asText())
        .isEqualTo("not a CloudEvent in structured JSON mode: text after the JSON value");
    assertThat(workflowsOf(runId)).isEmpty();
  }

  @Test
  void anOverLongParameterIsADeadLetterBeforeAnyWorkflowExists() throws Exception {
    String runId = newRunId();
    String input = "s3://in-bucket/" + "a".repeat(100_000);
    bus.publish(runId, "{\"job\":\"taxi-trip\",\"input\":\"" + input + "\"}");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    awaitSettled();
    JsonNode data = EventBusClient.data(bus.deadLetters(runId).getFirst());
    assertThat(data.path("cause").asText()).isEqualTo("invalid-parameter");
    assertThat(data.path("reason").asText())
        .isEqualTo(
            "rule 'taxi-trip': parameter 'input': value is 100015 characters long, over the"
                + " maximum of 4096");
    assertThat(workflowsOf(runId)).isEmpty();
  }

  @Test
  void aParameterIsHeldToItsOwnMaximumLength() throws Exception {
    String runId = newRunId();
    bus.publish(runId, "{\"job\":\"free-note\",\"note\":\"seventeen chars!!\"}");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    assertThat(EventBusClient.data(bus.deadLetters(runId).getFirst()).path("reason").asText())
        .isEqualTo(
            "rule 'free-note': parameter 'note': value is 17 characters long, over the maximum"
                + " of 16");
    assertThat(workflowsOf(runId)).isEmpty();
  }

  @Test
  void aQuoteInAParameterWithoutPatternIsADeadLetter() throws Exception {
    String runId = newRunId();
    bus.publish(runId, "{\"job\":\"free-note\",\"note\":\"a\\\",\\\"ns\\\":1\"}");

    await().atMost(DEADLINE).until(() -> bus.deadLetters(runId).size() == 1);
    awaitSettled();
    assertThat(EventBusClient.data(bus.deadLetters(runId).getFirst()).path("reason").asText())
        .isEqualTo(
            "rule 'free-note': parameter 'note': value contains '\"' at character 1, which no"
                + " parameter may carry (it would change the Workflow's JSON)");
    assertThat(workflowsOf(runId)).isEmpty();
  }

  @Test
  void anEventMatchingTwoRulesMakesOneWorkflowPerRule() throws Exception {
    String runId = newRunId();
    bus.publish(runId, "{\"job\":\"fan-out\"}");

    await().atMost(DEADLINE).until(() -> workflowsOf(runId).size() == 2);
    awaitSettled();
    List<GenericKubernetesResource> workflows = workflowsOf(runId);
    assertThat(workflows)
        .extracting(w -> w.getMetadata().getLabels().get("spark-relay.io/trigger"))
        .containsExactlyInAnyOrder("fan-out-a", "fan-out-b");
    assertThat(workflows)
        .extracting(w -> spec(w).get("workflowTemplateRef"))
        .containsExactlyInAnyOrder(
            Map.of("name", "spark-relay-spark-job"),
            Map.of("name", "shared-spark-job", "clusterScope", true));
    await().atMost(DEADLINE).until(() -> bus.runEvents(runId).size() == 2);
  }

  @Test
  void readinessAndMetricsAreExposed() throws Exception {
    bus.publish(newRunId(), "{\"job\":\"taxi-trip\"}");
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.name", hasItems("nats", "events-consumer", "kubernetes-api")));
    awaitSettled();
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("relay_launcher_events_consumed_total")
        .contains("relay_launcher_events_matched_total")
        .contains("relay_launcher_events_filtered_total")
        .contains("relay_launcher_workflows_created_total{trigger=\"taxi-trip\"}")
        .contains("relay_launcher_workflows_already_existed_total")
        .contains("relay_launcher_events_dead_lettered_total")
        .contains("relay_launcher_events_redeliveries_total")
        .contains("relay_launcher_create_latency_seconds_bucket")
        .contains("relay_launcher_workflows_unfinished");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource workflow) {
    return (Map<String, Object>) workflow.getAdditionalProperties().get("spec");
  }
}
