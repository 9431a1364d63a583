package io.sparkrelay.submitter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.KubernetesNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials of the test profile, and Workflows in the mock API server for requests to name,
 * as the workflow-launcher creates them from a trigger rule.
 */
public final class TestWorkflows {

  /** The credential the test profile's Workflows send (relay.auth.credentials[0]). */
  public static final String CREDENTIAL = "test-credential-current";

  /** The second accepted credential, as during a rotation (relay.auth.credentials[1]). */
  public static final String ROTATED = "test-credential-rotated";

  public static final String NAMESPACE = "argo-workflows";

  private static final String LABEL_PREFIX = "spark-relay.io/";

  private TestWorkflows() {}

  /** The Authorization header of the test profile's credential. */
  public static String bearer() {
    return "Bearer " + CREDENTIAL;
  }

  /**
   * Puts the Workflow {@code body} names, with the parameters the WorkflowTemplate turns into that
   * body (job -> profile, input/output -> arguments, executors) and a parameter of the same name
   * for each spark-relay.io/ label, unless the body names no well-formed run and workflow. An
   * executor count that is no number becomes "" (the launcher's parameter pattern lets only digits
   * through).
   */
  public static void putMatching(KubernetesClient client, Map<String, Object> body) {
    Object runId = body.get("runId");
    Object workflow = body.get("workflow");
    if (!(runId instanceof String run)
        || !KubernetesNames.isLabelValue(run)
        || run.isEmpty()
        || !(workflow instanceof String name)
        || !KubernetesNames.isDnsLabel(name)) {
      return;
    }
    put(client, workflow(name, run, parametersOf(body)));
  }

  /** The parameters the template maps into {@code body}. */
  public static Map<String, String> parametersOf(Map<String, Object> body) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("run-id", String.valueOf(body.get("runId")));
    parameters.put("job", body.get("profile") == null ? "" : body.get("profile").toString());
    List<String> arguments = new ArrayList<>();
    if (body.get("arguments") instanceof List<?> list) {
      list.forEach(argument -> arguments.add(String.valueOf(argument)));
    }
    parameters.put("input", arguments.size() > 0 ? arguments.get(0) : "");
    parameters.put("output", arguments.size() > 1 ? arguments.get(1) : "");
    Object executors = body.get("executors");
    parameters.put(
        "executors",
        executors != null && executors.toString().strip().matches("-?\\d+")
            ? executors.toString().strip()
            : "");
    parameters.put("submitter-url", "http://spark-relay-spark-submitter.spark-relay:8080");
    if (body.get("labels") instanceof Map<?, ?> labels) {
      labels.forEach(
          (key, value) -> {
            if (key.toString().startsWith(LABEL_PREFIX) && value != null) {
              parameters.putIfAbsent(
                  key.toString().substring(LABEL_PREFIX.length()), value.toString());
            }
          });
    }
    return parameters;
  }

  /** A Workflow of run {@code runId} as the launcher renders it, without a phase yet. */
  public static GenericKubernetesResource workflow(
      String name, String runId, Map<String, String> parameters) {
    GenericKubernetesResource workflow = new GenericKubernetesResource();
    workflow.setApiVersion("argoproj.io/v1alpha1");
    workflow.setKind("Workflow");
    workflow.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withLabels(
                Map.of(
                    "spark-relay.io/run-id", runId,
                    "spark-relay.io/trigger", "spark-job",
                    "app.kubernetes.io/managed-by", "spark-relay"))
            .build());
    List<Map<String, String>> list = new ArrayList<>();
    parameters.forEach((key, value) -> list.add(Map.of("name", key, "value", value)));
    workflow.setAdditionalProperty(
        "spec",
        Map.of(
            "workflowTemplateRef",
            Map.of("name", "spark-relay-spark-job"),
            "arguments",
            Map.of("parameters", list)));
    return workflow;
  }

  /** Creates {@code workflow}, replacing one of the same name. */
  public static void put(KubernetesClient client, GenericKubernetesResource workflow) {
    var workflows =
        client
            .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
            .inNamespace(NAMESPACE);
    workflows.withName(workflow.getMetadata().getName()).delete();
    workflows.resource(workflow).create();
  }
}
