package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asMap;
import static io.sparkrelay.deploy.Manifests.asMaps;
import static io.sparkrelay.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling signals, chart side: behind sqsBridge.autoscaling / workflowLauncher.autoscaling, a
 * KEDA ScaledObject with a prometheus trigger on the gauge the service exports (the bridge's queue
 * depth, the launcher's consumer backlog), checked against KEDA's CRD schema; the Deployment then
 * leaves `replicas` to KEDA.
 */
class ScaledObjectTest {

  private static final String PROMETHEUS =
      "http://kube-prometheus-stack-prometheus.kube-prometheus-stack.svc:9090";

  @TempDir Path workDir;

  private static Manifests render(Map<String, String> sets) {
    return Manifests.parse(Helm.v4().template(ValuesFile.defaults(), sets));
  }

  private static Map<String, String> bothOn() {
    return Map.of(
        "sqsBridge.autoscaling.enabled", "true", "workflowLauncher.autoscaling.enabled", "true");
  }

  private static Map<String, Object> expectedSpec(
      String component, String trigger, String query, int min, int max, String threshold) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("serverAddress", PROMETHEUS);
    metadata.put("query", query);
    metadata.put("threshold", threshold);
    return Map.of(
        "scaleTargetRef",
        Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "spark-relay-" + component),
        "minReplicaCount",
        min,
        "maxReplicaCount",
        max,
        "pollingInterval",
        30,
        "triggers",
        List.of(Map.of("type", "prometheus", "name", trigger, "metadata", metadata)));
  }

  @Test
  void offByDefaultAndTheDeploymentsKeepTheirReplicas() {
    Manifests manifests = render(Map.of());

    assertThat(manifests.ofKind("ScaledObject")).isEmpty();
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      assertThat(asMap(deployment.get("spec"))).containsKey("replicas");
    }
  }

  @Test
  void theBridgeScalesOnTheQueueDepthAndTheLauncherOnItsConsumersBacklog() {
    Map<String, String> sets = new HashMap<>(bothOn());
    sets.put("sqsBridge.autoscaling.minReplicas", "2");
    sets.put("sqsBridge.autoscaling.maxReplicas", "6");
    sets.put("workflowLauncher.autoscaling.threshold", "12.5");
    Manifests manifests = render(sets);

    assertThat(manifests.named("ScaledObject", "spark-relay-sqs-bridge").get("spec"))
        .isEqualTo(
            expectedSpec(
                "sqs-bridge",
                "sqs-queue-depth",
                "max(relay_bridge_queue_messages{namespace=\"spark-relay\",queue=\"spark-relay-jobs\","
                    + "state=\"visible\"})",
                2,
                6,
                "100"));
    assertThat(manifests.named("ScaledObject", "spark-relay-workflow-launcher").get("spec"))
        .isEqualTo(
            expectedSpec(
                "workflow-launcher",
                "consumer-pending",
                "max(relay_launcher_consumer_pending{namespace=\"spark-relay\"})",
                1,
                4,
                "12.5"));
    assertThat(
            Manifests.label(
                manifests.named("ScaledObject", "spark-relay-sqs-bridge"),
                "app.kubernetes.io/component"))
        .isEqualTo("sqs-bridge");
  }

  @Test
  void theBridgesTriggerReadsTheQueueNamedByItsUrlWhenOneIsGiven() {
    Map<String, String> sets = new HashMap<>(bothOn());
    sets.put("sqsBridge.queueUrl", "https://sqs.eu-west-1.amazonaws.com/123456789012/taxi-jobs");
    assertThat(render(sets).named("ScaledObject", "spark-relay-sqs-bridge").get("spec").toString())
        .contains(
            "query=max(relay_bridge_queue_messages{namespace=\"spark-relay\",queue=\"taxi-jobs\","
                + "state=\"visible\"})");
  }

  @Test
  void withKedaOnTheDeploymentLeavesReplicasToItAndTheBudgetFollowsMaxReplicas() {
    Map<String, String> sets = new HashMap<>(bothOn());
    sets.put("sqsBridge.replicas", "3");
    sets.put("workflowLauncher.autoscaling.maxReplicas", "1");
    Manifests manifests = render(sets);

    for (String component : List.of("sqs-bridge", "workflow-launcher")) {
      assertThat(asMap(at(manifests.named("Deployment", "spark-relay-" + component), "spec")))
          .as(component)
          .doesNotContainKey("replicas");
    }
    assertThat(at(manifests.named("Deployment", "spark-relay-spark-submitter"), "spec.replicas"))
        .isEqualTo(2);
    assertThat(manifests.ofKind("PodDisruptionBudget"))
        .extracting(Manifests::name)
        .contains("spark-relay-sqs-bridge")
        .doesNotContain("spark-relay-workflow-launcher");
    assertThat(
            at(
                manifests.named("PodDisruptionBudget", "spark-relay-sqs-bridge"),
                "spec.maxUnavailable"))
        .isEqualTo(1);
  }

  @Test
  void theRenderedScaledObjectsMatchKedasCrdSchema() {
    List<Map<String, Object>> scaledObjects = render(bothOn()).ofKind("ScaledObject");
    KedaSchema schema = KedaSchema.scaledObject();

    assertThat(scaledObjects).hasSize(2);
    for (Map<String, Object> scaledObject : scaledObjects) {
      assertThat(schema.problems(scaledObject)).as(Manifests.name(scaledObject)).isEmpty();
    }
  }

  @Test
  void theSchemaCheckNoticesAMisspeltFieldAWrongTypeAndAMissingOne() {
    Map<String, Object> scaledObject =
        render(bothOn()).named("ScaledObject", "spark-relay-sqs-bridge");
    Map<String, Object> spec = new LinkedHashMap<>(asMap(scaledObject.get("spec")));
    spec.put("minReplicas", spec.remove("minReplicaCount"));
    spec.put("maxReplicaCount", "four");
    Map<String, Object> trigger = new LinkedHashMap<>(asMaps(spec.get("triggers")).get(0));
    trigger.remove("type");
    spec.put("triggers", List.of(trigger));
    Map<String, Object> broken = new LinkedHashMap<>(scaledObject);
    broken.put("spec", spec);

    List<String> problems = KedaSchema.scaledObject().problems(broken);

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("minReplicas").contains("not in KEDA's schema"))
        .anySatisfy(p -> assertThat(p).contains("maxReplicaCount").contains("integer"))
        .anySatisfy(p -> assertThat(p).contains("type"));
    assertThat(problems).hasSize(3);
  }

  @Test
  void scalingToZeroOrBelowTheMinimumIsRefused() {
    for (List<String> sets :
        List.of(
            List.of("sqsBridge.autoscaling.minReplicas=0"),
            List.of(
                "sqsBridge.autoscaling.minReplicas=3", "sqsBridge.autoscaling.maxReplicas=2"))) {
      List<String> arguments = new ArrayList<>(List.of("template", "spark-relay", "."));
      for (String set :
          concat(List.of("nats.allowInsecure=true", "sqsBridge.autoscaling.enabled=true"), sets)) {
        arguments.addAll(List.of("--set", set));
      }
      CommandResult result = Helm.v4().run(arguments);
      assertThat(result.succeeded()).as("%s", sets).isFalse();
      assertThat(result.stderr()).as("%s", sets).contains("sqsBridge.autoscaling.m");
    }
  }

  @Test
  void theTriggerQueriesArePromQlPrometheusAccepts() {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> scaledObject : render(bothOn()).ofKind("ScaledObject")) {
      for (Map<String, Object> trigger : asMaps(at(scaledObject, "spec.triggers"))) {
        rules.add(
            Map.of(
                "record",
                "keda:" + ((String) trigger.get("name")).replace('-', '_'),
                "expr",
                at(trigger, "metadata.query")));
      }
    }
    Path file =
        Promtool.writeRules(
            workDir.resolve("keda-queries.yaml"), List.of(Map.of("name", "keda", "rules", rules)));

    CommandResult result = Promtool.find().checkRules(file);

    assertThat(rules).hasSize(2);
    assertThat(result.succeeded()).as(result.describe()).isTrue();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
