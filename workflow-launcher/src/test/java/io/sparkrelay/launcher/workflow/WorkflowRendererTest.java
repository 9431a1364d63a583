package io.sparkrelay.launcher.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sparkrelay.launcher.rules.EventRefusedException;
import io.sparkrelay.launcher.rules.RelayEvent;
import io.sparkrelay.launcher.rules.RulesFileLoader;
import io.sparkrelay.launcher.rules.TriggerRule;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WorkflowRendererTest {

  private static final String RUN_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The fields the launcher may set under spec, with their JSON type, as Argo's Workflow CRD
   * (argoproj/argo-workflows manifests/base/crds/full/argoproj.io_workflows.yaml, v4.1.2) declares
   * them: workflowTemplateRef{name: string, clusterScope: boolean}, arguments.parameters[]{name:
   * string (required), value: string}. Nothing else: under Argo's templateReferencing Strict or
   * Secure a Workflow may not set serviceAccountName, podMetadata or any other spec field its
   * WorkflowTemplate owns.
   */
  private static final Map<String, String> SCHEMA_FIELDS =
      Map.of(
          "spec.workflowTemplateRef.name", "string",
          "spec.workflowTemplateRef.clusterScope", "boolean",
          "spec.arguments.parameters[].name", "string",
          "spec.arguments.parameters[].value", "string");

  private final TriggerRule taxi =
      new RulesFileLoader("argo-workflows", 4096)
          .load("classpath:rules/default-rules.yaml")
          .getFirst();

  private static RelayEvent event(String data) throws Exception {
    return new RelayEvent(
        RUN_ID,
        "io.spark-relay.sqs.message",
        "arn:aws:sqs:us-east-1:123456789012:spark-jobs",
        null,
        OffsetDateTime.parse("2026-11-21T10:15:30Z"),
        JSON.readTree(data));
  }

  @Test
  void rendersTheWorkflowOfATaxiTripEvent() throws Exception {
    RenderedWorkflow rendered =
        WorkflowRenderer.render(
            taxi,
            event(
                "{\"job\":\"taxi-trip\",\"input\":\"s3://in-bucket/taxi/\",\"output\":\"s3://out-bucket/taxi/\","
                    + "\"executors\":3}"));

    JsonNode workflow = JSON.readTree(Serialization.asJson(rendered.resource()));
    assertThat(workflow.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(workflow.path("kind").asText()).isEqualTo("Workflow");
    JsonNode metadata = workflow.path("metadata");
    assertThat(metadata.path("name").asText())
        // printf %s <RUN_ID> | sha256sum: 38e4e4acfa...
        .isEqualTo("taxi-trip-38e4e4acfa")
        .isEqualTo(rendered.name());
    assertThat(metadata.path("namespace").asText()).isEqualTo("argo-workflows");
    assertThat(metadata.has("generateName")).isFalse();
    assertThat(JSON.convertValue(metadata.path("labels"), Map.class))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "spark-relay.io/run-id", RUN_ID,
                "spark-relay.io/trigger", "taxi-trip",
                "app.kubernetes.io/managed-by", "spark-relay"));
    assertThat(metadata.path("annotations").path("spark-relay.io/event-time").asText())
        .isEqualTo("2026-11-21T10:15:30Z");

    JsonNode spec = workflow.path("spec");
    // only the template reference and the arguments: what templateReferencing Strict allows
    assertThat(spec.fieldNames()).toIterable().containsExactly("workflowTemplateRef", "arguments");
    assertThat(spec.has("serviceAccountName")).isFalse();
    assertThat(spec.has("podMetadata")).isFalse();
    assertThat(spec.path("workflowTemplateRef").toString())
        .isEqualTo("{\"name\":\"spark-relay-spark-job\"}");
    assertThat(spec.path("arguments").path("parameters").toString())
        .isEqualTo(
            "[{\"name\":\"run-id\",\"value\":\""
                + RUN_ID
                + "\"},"
                + "{\"name\":\"job\",\"value\":\"taxi-trip\"},"
                + "{\"name\":\"input\",\"value\":\"s3://in-bucket/taxi/\"},"
                + "{\"name\":\"output\",\"value\":\"s3://out-bucket/taxi/\"},"
                + "{\"name\":\"executors\",\"value\":\"3\"}]");
  }

  @Test
  void setsOnlyFieldsOfArgosWorkflowSchemaWithTheirTypes() throws Exception {
    TriggerRule clusterScoped =
        new RulesFileLoader("ns", 4096)
            .parse(
                """
                rules:
                  - name: shared
                    match: {type: {equals: io.spark-relay.sqs.message}}
                    workflowTemplate: {name: cluster-template, clusterScope: true}
                    parameters: [{name: run-id, fromEvent: id}]
                """,
                "inline")
            .getFirst();
    for (TriggerRule rule : new TriggerRule[] {taxi, clusterScoped}) {
      JsonNode spec =
          JSON.readTree(
                  Serialization.asJson(
                      WorkflowRenderer.render(rule, event("{\"job\":\"taxi-trip\"}")).resource()))
              .path("spec");
      Map<String, String> emitted = new TreeMap<>();
      flatten("spec", spec, emitted);
      assertThat(emitted)
          .allSatisfy((path, type) -> assertThat(SCHEMA_FIELDS).containsEntry(path, type));
    }
  }

  @Test
  void refusesARunIdThatCannotBeALabelValue() {
    RelayEvent bad =
        new RelayEvent("run id with spaces", "t", "s", null, null, JSON.createObjectNode());
    assertThatThrownBy(() -> WorkflowRenderer.render(taxi, bad))
        .isInstanceOf(EventRefusedException.class)
        .hasMessageContaining("not a valid Kubernetes label value");
  }

  /** Leaf paths with their JSON type; array elements as [], label keys as *. */
  private static void flatten(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      boolean freeKeys = path.endsWith(".labels");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        flatten(path + "." + (freeKeys ? "*" : field.getKey()), field.getValue(), out);
      }
    } else if (node.isArray()) {
      node.forEach(element -> flatten(path + "[]", element, out));
    } else {
      out.put(path, node.isTextual() ? "string" : node.isBoolean() ? "boolean" : "number");
    }
  }
}
