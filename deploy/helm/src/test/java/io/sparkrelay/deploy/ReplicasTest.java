package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asMap;
import static io.sparkrelay.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service scales out: its replicas spread over zones and nodes unless told otherwise, and its
 * PodDisruptionBudget follows the replica count (none with one pod, so a node drain never waits on
 * it; maxUnavailable 1 from two pods on).
 */
class ReplicasTest {

  /** Component name and its values key. */
  static final Map<String, String> VALUES_KEYS =
      Map.of(
          "sqs-bridge", "sqsBridge",
          "workflow-launcher", "workflowLauncher",
          "spark-submitter", "sparkSubmitter",
          "status-reporter", "statusReporter");

  static Manifests render(Map<String, String> sets) {
    return Manifests.parse(Helm.v4().template(ValuesFile.defaults(), sets));
  }

  static Map<String, Object> selector(String component) {
    return Map.of(
        "app.kubernetes.io/name", "spark-relay",
        "app.kubernetes.io/instance", "spark-relay",
        "app.kubernetes.io/component", component);
  }

  static Map<String, Object> preferredSpread(String component, String topologyKey) {
    return Map.of(
        "maxSkew",
        1,
        "topologyKey",
        topologyKey,
        "whenUnsatisfiable",
        "ScheduleAnyway",
        "matchLabelKeys",
        List.of("pod-template-hash"),
        "labelSelector",
        Map.of("matchLabels", selector(component)));
  }

  static List<Map<String, Object>> defaultSpread(String component) {
    return List.of(
        preferredSpread(component, "topology.kubernetes.io/zone"),
        preferredSpread(component, "kubernetes.io/hostname"));
  }

  static Map<String, Object> pod(Manifests manifests, String component) {
    return asMap(
        at(manifests.named("Deployment", "spark-relay-" + component), "spec.template.spec"));
  }

  /** The budget of a component, or null when none is rendered. */
  static Map<String, Object> budget(Manifests manifests, String component) {
    return manifests.ofKind("PodDisruptionBudget").stream()
        .filter(pdb -> ("spark-relay-" + component).equals(Manifests.name(pdb)))
        .findFirst()
        .map(pdb -> asMap(pdb.get("spec")))
        .orElse(null);
  }

  static Stream<Arguments> componentsAndReplicas() {
    return VALUES_KEYS.keySet().stream()
        .sorted()
        .flatMap(component -> Stream.of(1, 2, 3).map(n -> Arguments.of(component, n)));
  }

  @ParameterizedTest(name = "{0} with {1} replica(s)")
  @MethodSource("componentsAndReplicas")
  void theBudgetFollowsTheReplicasAndThePodsSpreadOverZonesAndNodes(
      String component, int replicas) {
    Manifests manifests = render(Map.of(VALUES_KEYS.get(component) + ".replicas", "" + replicas));

    assertThat(at(manifests.named("Deployment", "spark-relay-" + component), "spec.replicas"))
        .isEqualTo(replicas);
    assertThat(pod(manifests, component).get("topologySpreadConstraints"))
        .isEqualTo(defaultSpread(component));
    assertThat(pod(manifests, component)).doesNotContainKey("affinity");
    if (replicas == 1) {
      assertThat(budget(manifests, component)).as("no budget for a single pod").isNull();
    } else {
      assertThat(budget(manifests, component))
          .isEqualTo(
              Map.of("maxUnavailable", 1, "selector", Map.of("matchLabels", selector(component))));
    }
  }

  @Test
  void aComponentsOwnSpreadOrPodAntiAffinityReplacesTheDefaultAndANodeAffinityKeepsIt() {
    Map<String, Object> nodeAffinity =
        Map.of(
            "requiredDuringSchedulingIgnoredDuringExecution",
            Map.of(
                "nodeSelectorTerms",
                List.of(
                    Map.of(
                        "matchExpressions",
                        List.of(
                            Map.of(
                                "key",
                                "karpenter.sh/capacity-type",
                                "operator",
                                "In",
                                "values",
                                List.of("on-demand")))))));
    Map<String, String> sets = new HashMap<>();
    sets.put("sqsBridge.topologySpreadConstraints[0].maxSkew", "2");
    sets.put("sqsBridge.topologySpreadConstraints[0].topologyKey", "kubernetes.io/hostname");
    sets.put("sqsBridge.topologySpreadConstraints[0].whenUnsatisfiable", "DoNotSchedule");
    String antiAffinity =
        "workflowLauncher.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].";
    sets.put(antiAffinity + "topologyKey", "kubernetes.io/hostname");
    sets.put(
        antiAffinity + "labelSelector.matchLabels.app\\.kubernetes\\.io/component",
        "workflow-launcher");
    String node =
        "sparkSubmitter.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
            + ".nodeSelectorTerms[0].matchExpressions[0].";
    sets.put(node + "key", "karpenter.sh/capacity-type");
    sets.put(node + "operator", "In");
    sets.put(node + "values[0]", "on-demand");

    Manifests manifests = render(sets);

    assertThat(pod(manifests, "sqs-bridge").get("topologySpreadConstraints"))
        .isEqualTo(
            List.of(
                Map.of(
                    "maxSkew",
                    2,
                    "topologyKey",
                    "kubernetes.io/hostname",
                    "whenUnsatisfiable",
                    "DoNotSchedule",
                    "labelSelector",
                    Map.of("matchLabels", selector("sqs-bridge")))));
    assertThat(pod(manifests, "workflow-launcher")).doesNotContainKey("topologySpreadConstraints");
    assertThat(at(pod(manifests, "workflow-launcher"), "affinity.podAntiAffinity")).isNotNull();
    assertThat(pod(manifests, "spark-submitter").get("topologySpreadConstraints"))
        .isEqualTo(defaultSpread("spark-submitter"));
    assertThat(at(pod(manifests, "spark-submitter"), "affinity.nodeAffinity"))
        .isEqualTo(nodeAffinity);
    assertThat(pod(manifests, "status-reporter").get("topologySpreadConstraints"))
        .isEqualTo(defaultSpread("status-reporter"));
  }

  @Test
  void theDefaultSpreadCanBeSwitchedOffOrGivenOtherKeys() {
    Manifests off = render(Map.of("defaultTopologySpread.enabled", "false"));
    Manifests zonesOnly =
        render(Map.of("defaultTopologySpread.topologyKeys[0]", "topology.kubernetes.io/zone"));

    for (String component : VALUES_KEYS.keySet()) {
      assertThat(pod(off, component)).doesNotContainKey("topologySpreadConstraints");
      assertThat(pod(zonesOnly, component).get("topologySpreadConstraints"))
          .isEqualTo(List.of(preferredSpread(component, "topology.kubernetes.io/zone")));
    }
  }

  @Test
  void aBudgetOfOnesOwnWinsAndCanBeSwitchedOff() {
    Manifests manifests =
        render(
            Map.of(
                "statusReporter.replicas", "3",
                "statusReporter.pdb.minAvailable", "2",
                "sparkSubmitter.replicas", "3",
                "sparkSubmitter.pdb.enabled", "false"));

    assertThat(budget(manifests, "status-reporter"))
        .isEqualTo(
            Map.of(
                "minAvailable", 2, "selector", Map.of("matchLabels", selector("status-reporter"))));
    assertThat(budget(manifests, "spark-submitter")).isNull();
  }
}
