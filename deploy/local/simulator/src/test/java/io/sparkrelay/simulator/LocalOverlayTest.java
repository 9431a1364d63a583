package io.sparkrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparkrelay.simulator.overlay.ManifestOverlay;
import io.sparkrelay.simulator.overlay.ManifestOverlayMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/local/overlay: what the local stack adds to the production WorkflowTemplate and rules (the
 * simulator's scenario knob), and the merge that adds it.
 */
class LocalOverlayTest {

  private static final Path ROOT = repositoryRoot();
  private static final Path TEMPLATE = ROOT.resolve("deploy/argo/workflowtemplate.yaml");
  private static final Path TEMPLATE_OVERLAY =
      ROOT.resolve("deploy/local/overlay/workflowtemplate.yaml");
  private static final Path DEFAULT_RULES =
      ROOT.resolve("workflow-launcher/src/main/resources/rules/default-rules.yaml");
  private static final Path LOCAL_RULES = ROOT.resolve("deploy/local/overlay/rules.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void theLocalOverlayAddsTheScenarioParameterAndLabelAndNothingElse() throws IOException {
    JsonNode production = single(ManifestOverlayMain.documents(TEMPLATE));
    JsonNode local =
        single(
            ManifestOverlay.apply(
                List.of(production), ManifestOverlayMain.documents(TEMPLATE_OVERLAY)));

    assertThat(names(local.at("/spec/arguments/parameters")))
        .containsExactly(
            "run-id", "job", "input", "output", "executors", "submitter-url", "scenario");
    assertThat(last(local.at("/spec/arguments/parameters")))
        .isEqualTo(json("{\"name\":\"scenario\",\"value\":\"\"}"));
    JsonNode body = JSON.readTree(submitSpark(local).at("/http/body").asText());
    ObjectNode expected =
        (ObjectNode) JSON.readTree(submitSpark(production).at("/http/body").asText());
    expected.set(
        "labels", json("{\"spark-relay.io/scenario\":\"{{workflow.parameters.scenario}}\"}"));
    assertThat(body).isEqualTo(expected);
    assertThat(fieldNames(body))
        .containsExactly(
            "runId", "workflow", "step", "profile", "arguments", "executors", "labels");

    // with those two places as production has them, the local template is the production one
    ObjectNode undone = local.deepCopy();
    ((ArrayNode) undone.at("/spec/arguments/parameters")).remove(6);
    ((ObjectNode) submitSpark(undone).get("http"))
        .set("body", submitSpark(production).at("/http/body"));
    assertThat(undone).isEqualTo(production);
  }

  @Test
  void theProductionTemplateHasNoScenarioAndItsBodyNoLabels() throws IOException {
    JsonNode production = single(ManifestOverlayMain.documents(TEMPLATE));

    assertThat(names(production.at("/spec/arguments/parameters")))
        .containsExactly("run-id", "job", "input", "output", "executors", "submitter-url");
    assertThat(fieldNames(JSON.readTree(submitSpark(production).at("/http/body").asText())))
        .containsExactly("runId", "workflow", "step", "profile", "arguments", "executors");
  }

  @Test
  void theLocalRulesAreTheDefaultRulesWithAScenarioParameterEach() throws IOException {
    JsonNode defaults = single(ManifestOverlayMain.documents(DEFAULT_RULES));
    JsonNode local = single(ManifestOverlayMain.documents(LOCAL_RULES));
    String scenario =
        "{\"name\":\"scenario\",\"fromData\":\"scenario\",\"default\":\"\","
            + "\"pattern\":\"([a-z][a-z0-9-]{0,30})?\"}";

    assertThat(names(local.get("rules"))).containsExactly("taxi-trip", "pi");
    assertThat(local)
        .isEqualTo(
            ManifestOverlay.merge(
                defaults,
                json(
                    "{\"rules\":[{\"name\":\"taxi-trip\",\"parameters\":["
                        + scenario
                        + "]},{\"name\":\"pi\",\"parameters\":["
                        + scenario
                        + "]}]}"),
                "rules"));
    for (JsonNode rule : defaults.get("rules")) {
      assertThat(names(rule.get("parameters"))).doesNotContain("scenario");
    }
  }

  @Test
  void theWrittenFileIsWhatTheApiStandInApplies(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("workflowtemplate.yaml");

    ManifestOverlayMain.main(
        new String[] {TEMPLATE.toString(), TEMPLATE_OVERLAY.toString(), out.toString()});

    String written = Files.readString(out);
    assertThat(written)
        .startsWith(
            "# "
                + TEMPLATE
                + " with "
                + TEMPLATE_OVERLAY
                + " added (ManifestOverlayMain): edit"
                + " those, not this file.\n---\n");
    List<String> documents = KubernetesApiServerMain.documents(written);
    assertThat(documents).hasSize(1);
    assertThat(YAML.readTree(documents.getFirst()))
        .isEqualTo(
            single(
                ManifestOverlay.apply(
                    ManifestOverlayMain.documents(TEMPLATE),
                    ManifestOverlayMain.documents(TEMPLATE_OVERLAY))));
  }

  @Test
  void itemsMergeByNameAndJsonTextsMergeAsObjects() {
    JsonNode base =
        json(
            "{\"a\":1,\"list\":[{\"name\":\"x\",\"v\":1}],"
                + "\"body\":\"{\\\"k\\\": \\\"{{p}}\\\"}\\n\",\"same\":\"t\"}");
    JsonNode overlay =
        json(
            "{\"b\":2,\"list\":[{\"name\":\"x\",\"w\":2},{\"name\":\"y\"}],"
                + "\"body\":\"{\\\"l\\\": {\\\"m\\\": \\\"n\\\"}}\",\"same\":\"t\"}");

    assertThat(ManifestOverlay.merge(base, overlay, "doc"))
        .isEqualTo(
            json(
                "{\"a\":1,\"list\":[{\"name\":\"x\",\"v\":1,\"w\":2},{\"name\":\"y\"}],"
                    + "\"body\":\"{\\n  \\\"k\\\": \\\"{{p}}\\\",\\n  \\\"l\\\": {\\n"
                    + "    \\\"m\\\": \\\"n\\\"\\n  }\\n}\\n\",\"same\":\"t\",\"b\":2}"));
  }

  @Test
  void anOverlayThatWouldChangeAValueIsRefusedNamingThePlace() {
    assertThatThrownBy(
            () ->
                ManifestOverlay.merge(
                    json("{\"list\":[{\"name\":\"x\",\"value\":\"a\"}]}"),
                    json("{\"list\":[{\"name\":\"x\",\"value\":\"b\"}]}"),
                    "doc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "doc.list[name=x].value is \"a\" and an overlay only adds: it cannot make it \"b\"");
    assertThatThrownBy(
            () ->
                ManifestOverlay.merge(
                    json("{\"body\":\"{\\\"k\\\": \\\"a\\\"}\"}"),
                    json("{\"body\":\"{\\\"k\\\": \\\"b\\\"}\"}"),
                    "doc"))
        .hasMessage("doc.body(JSON).k is \"a\" and an overlay only adds: it cannot make it \"b\"");
    assertThatThrownBy(
            () -> ManifestOverlay.merge(json("{\"list\":[1]}"), json("{\"list\":[2]}"), "doc"))
        .hasMessage("doc.list: an overlay's list item needs a name to be merged by, 2 has none");
  }

  @Test
  void anOverlayOfADocumentTheManifestDoesNotHaveIsRefused() throws IOException {
    JsonNode renamed = ManifestOverlayMain.documents(TEMPLATE_OVERLAY).getFirst().deepCopy();
    ((ObjectNode) renamed.get("metadata")).put("name", "another-template");

    assertThatThrownBy(
            () -> ManifestOverlay.apply(ManifestOverlayMain.documents(TEMPLATE), List.of(renamed)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no argoproj.io/v1alpha1 WorkflowTemplate argo-workflows/another-template to add to");
  }

  private static JsonNode submitSpark(JsonNode template) {
    return StreamSupport.stream(template.at("/spec/templates").spliterator(), false)
        .filter(t -> "submit-spark".equals(t.path("name").asText()))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> names(JsonNode items) {
    return StreamSupport.stream(items.spliterator(), false)
        .map(item -> item.path("name").asText())
        .toList();
  }

  private static List<String> fieldNames(JsonNode object) {
    return StreamSupport.stream(object.properties().spliterator(), false)
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  private static JsonNode last(JsonNode items) {
    return items.get(items.size() - 1);
  }

  private static JsonNode single(List<JsonNode> documents) {
    assertThat(documents).hasSize(1);
    return documents.getFirst();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("deploy/local/run.sh"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
    return dir;
  }
}
