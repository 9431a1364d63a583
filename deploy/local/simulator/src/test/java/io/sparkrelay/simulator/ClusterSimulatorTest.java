package io.sparkrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.simulator.kube.KubeClients;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.RelayCustomResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three simulated controllers against an in-process mock API server, driving Workflows of a
 * WorkflowTemplate shaped like deploy/argo's, with a fake spark-submitter answering the http step.
 */
class ClusterSimulatorTest {

  private static KubernetesApiStandIn api;
  private static KubernetesClient client;
  private static FakeSparkSubmitter submitter;
  private static ClusterSimulator simulator;

  @BeforeAll
  static void start() throws Exception {
    KubernetesApiServerMain.quietRequestLog();
    api = KubernetesApiStandIn.start(0);
    client = KubeClients.forUrl(api.url());
    KubernetesApiServerMain.apply(
        client,
        Path.of(ClusterSimulatorTest.class.getResource("/spark-job-template.yaml").toURI()));
    submitter = new FakeSparkSubmitter(client, Set.of("run-good"));
    SimulatorSettings settings =
        SimulatorSettings.defaults()
            .withFastSteps(Duration.ofMillis(50))
            .withServiceAliases(
                Map.of(
                    "spark-relay.svc",
                    "unused",
                    "spark-submitter.spark-relay.svc:8080",
                    submitter.address()));
    simulator = new ClusterSimulator(client, settings).start();
  }

  @AfterAll
  static void stop() {
    simulator.close();
    submitter.close();
    client.close();
    api.close();
  }

  @Test
  void aGoodRunSucceedsAfterARetriedSubmissionWithLabelledPods() {
    createWorkflow("pi-00000001aa", "run-good", "");

    JsonNode workflow = awaitFinished("pi-00000001aa");

    assertThat(workflow.at("/status/phase").asText()).isEqualTo("Succeeded");
    assertThat(workflow.at("/status/startedAt").asText()).isNotEmpty();
    assertThat(workflow.at("/status/finishedAt").asText()).isNotEmpty();
    JsonNode submit = node(workflow, "pi-00000001aa.submit-spark");
    assertThat(submit.path("type").asText()).isEqualTo("Retry");
    assertThat(submit.path("children")).hasSize(2);
    assertThat(node(workflow, "pi-00000001aa.submit-spark(0)").path("phase").asText())
        .isEqualTo("Failed");
    assertThat(node(workflow, "pi-00000001aa.submit-spark(0)").path("message").asText())
        .contains("429");
    assertThat(node(workflow, "pi-00000001aa.submit-spark(1)").path("phase").asText())
        .isEqualTo("Succeeded");
    assertThat(node(workflow, "pi-00000001aa.await-spark").path("phase").asText())
        .isEqualTo("Succeeded");
    assertThat(node(workflow, "pi-00000001aa.hello-job2").path("inputs").toString())
        .contains("spark-done");
    // the http step sent the body Argo would send, with the parameters substituted
    JsonNode request =
        submitter.requests().stream()
            .filter(r -> r.path("runId").asText().equals("run-good"))
            .reduce((first, second) -> second)
            .orElseThrow();
    assertThat(request.path("workflow").asText()).isEqualTo("pi-00000001aa");
    assertThat(request.path("profile").asText()).isEqualTo("pi");

    JsonNode app = sparkApplication("pi-00000001aa-spark");
    assertThat(app.at("/status/applicationState/state").asText()).isEqualTo("COMPLETED");
    assertThat(app.at("/status/driverInfo/podName").asText())
        .isEqualTo("pi-00000001aa-spark-driver");
    assertThat(app.at("/status/executorState").size()).isEqualTo(2);
    app.at("/status/executorState")
        .forEach(state -> assertThat(state.asText()).isEqualTo("COMPLETED"));

    List<Pod> pods = pods("run-good");
    assertThat(pods).hasSize(3);
    Pod driver =
        pods.stream()
            .filter(p -> p.getMetadata().getName().endsWith("-driver"))
            .findFirst()
            .orElseThrow();
    assertThat(driver.getMetadata().getLabels())
        .containsEntry("spark-role", "driver")
        .containsEntry("sparkoperator.k8s.io/app-name", "pi-00000001aa-spark")
        .containsEntry("sparkoperator.k8s.io/launched-by-spark-operator", "true")
        .containsEntry("spark-app-selector", app.at("/status/sparkApplicationId").asText());
    assertThat(driver.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(
            driver.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason())
        .isEqualTo("Completed");
    assertThat(pods)
        .filteredOn(p -> "executor".equals(p.getMetadata().getLabels().get("spark-role")))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded"));
  }

  @Test
  void aDriverOomFailsTheApplicationAndTheWorkflowWithTheReason() {
    createWorkflow("pi-00000002bb", "run-oom", "oom");

    JsonNode workflow = awaitFinished("pi-00000002bb");

    assertThat(workflow.at("/status/phase").asText()).isEqualTo("Failed");
    assertThat(workflow.at("/status/message").asText())
        .contains("await-spark")
        .contains("OOMKilled");
    JsonNode app = sparkApplication("pi-00000002bb-spark");
    assertThat(app.at("/status/applicationState/state").asText()).isEqualTo("FAILED");
    assertThat(app.at("/status/applicationState/errorMessage").asText())
        .isEqualTo("driver container failed with ExitCode: 137, Reason: OOMKilled");
    Pod driver =
        client.pods().inNamespace("spark-team-a").withName("pi-00000002bb-spark-driver").get();
    assertThat(driver.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(
            driver
                .getStatus()
                .getContainerStatuses()
                .get(0)
                .getState()
                .getTerminated()
                .getExitCode())
        .isEqualTo(137);
    // the driver took its executors with it
    assertThat(pods("run-oom")).hasSize(1);
  }

  @Test
  void anImagePullFailureLeavesTheDriverWaitingAndFailsTheApplication() {
    createWorkflow("pi-00000003cc", "run-pull", "image-pull");

    JsonNode workflow = awaitFinished("pi-00000003cc");

    assertThat(workflow.at("/status/phase").asText()).isEqualTo("Failed");
    assertThat(workflow.at("/status/message").asText()).contains("ImagePullBackOff");
    Pod driver =
        client.pods().inNamespace("spark-team-a").withName("pi-00000003cc-spark-driver").get();
    assertThat(driver.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(driver.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
        .isEqualTo("ImagePullBackOff");
    assertThat(
            sparkApplication("pi-00000003cc-spark")
                .at("/status/applicationState/errorMessage")
                .asText())
        .contains("ImagePullBackOff");
  }

  @Test
  void aMissingWorkflowTemplateIsAnError() {
    GenericKubernetesResource workflow = workflow("pi-00000004dd", "run-missing", "");
    workflow.setAdditionalProperty(
        "spec", Map.of("workflowTemplateRef", Map.of("name", "no-such-template")));
    workflows().resource(workflow).create();

    JsonNode finished = awaitFinished("pi-00000004dd");

    assertThat(finished.at("/status/phase").asText()).isEqualTo("Error");
    assertThat(finished.at("/status/message").asText())
        .contains("no-such-template")
        .contains("not found");
  }

  private static void createWorkflow(String name, String runId, String scenario) {
    workflows().resource(workflow(name, runId, scenario)).create();
  }

  private static GenericKubernetesResource workflow(String name, String runId, String scenario) {
    GenericKubernetesResource workflow = new GenericKubernetesResource();
    workflow.setApiVersion("argoproj.io/v1alpha1");
    workflow.setKind("Workflow");
    workflow.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("argo-workflows")
            .withLabels(Map.of("spark-relay.io/run-id", runId, "spark-relay.io/trigger", "pi"))
            .build());
    List<Map<String, String>> parameters = new ArrayList<>();
    parameters.add(Map.of("name", "run-id", "value", runId));
    parameters.add(Map.of("name", "job", "value", "pi"));
    parameters.add(Map.of("name", "scenario", "value", scenario));
    workflow.setAdditionalProperty(
        "spec",
        Map.of(
            "workflowTemplateRef", Map.of("name", "spark-relay-spark-job"),
            "arguments", Map.of("parameters", parameters)));
    return workflow;
  }

  private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      workflows() {
    return client
        .genericKubernetesResources(RelayCustomResources.WORKFLOW)
        .inNamespace("argo-workflows");
  }

  private static JsonNode awaitFinished(String name) {
    return await("workflow " + name + " finished")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> Json.tree(workflows().withName(name).get()),
            wf -> !wf.at("/status/finishedAt").asText().isEmpty());
  }

  private static JsonNode node(JsonNode workflow, String nodeName) {
    return StreamSupport.stream(workflow.at("/status/nodes").spliterator(), false)
        .filter(n -> n.path("name").asText().equals(nodeName))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no node " + nodeName + " in " + workflow.at("/status/nodes")));
  }

  private static JsonNode sparkApplication(String name) {
    return Json.tree(
        client
            .genericKubernetesResources(RelayCustomResources.SPARK_APPLICATION)
            .inNamespace("spark-team-a")
            .withName(name)
            .get());
  }

  private static List<Pod> pods(String runId) {
    return client
        .pods()
        .inNamespace("spark-team-a")
        .withLabel("spark-relay.io/run-id", runId)
        .list()
        .getItems();
  }
}
