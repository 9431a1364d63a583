package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asList;
import static io.sparkrelay.deploy.Manifests.asMap;
import static io.sparkrelay.deploy.Manifests.asMaps;
import static io.sparkrelay.deploy.Manifests.at;
import static io.sparkrelay.deploy.Manifests.component;
import static io.sparkrelay.deploy.Manifests.name;
import static io.sparkrelay.deploy.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every rendering of the chart must hold, whatever the values. */
class RenderedManifestsTest {

  static List<ValuesFile> valuesFiles() {
    return ValuesFile.all();
  }

  private static Manifests render(ValuesFile values) {
    return Manifests.parse(Helm.v4().template(values, Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void everyDeploymentHasProbesResourcesAndARestrictedSecurityContext(ValuesFile values) {
    List<Map<String, Object>> deployments = render(values).ofKind("Deployment");
    assertThat(deployments).isNotEmpty();

    assertSoftly(
        softly -> {
          for (Map<String, Object> deployment : deployments) {
            String name = name(deployment);
            Object pod = at(deployment, "spec.template.spec");
            softly.assertThat(at(pod, "securityContext.runAsNonRoot")).as(name).isEqualTo(true);
            softly
                .assertThat(at(pod, "securityContext.seccompProfile.type"))
                .as(name)
                .isEqualTo("RuntimeDefault");
            for (Map<String, Object> container : asMaps(at(pod, "containers"))) {
              String where = name + "/" + container.get("name");
              softly
                  .assertThat(at(container, "livenessProbe.httpGet.path"))
                  .as(where + " liveness")
                  .isEqualTo("/q/health/live");
              softly
                  .assertThat(at(container, "readinessProbe.httpGet.path"))
                  .as(where + " readiness")
                  .isEqualTo("/q/health/ready");
              softly.assertThat(at(container, "resources.requests.cpu")).as(where).isNotNull();
              softly.assertThat(at(container, "resources.requests.memory")).as(where).isNotNull();
              softly.assertThat(at(container, "resources.limits.memory")).as(where).isNotNull();
              Object security = container.get("securityContext");
              softly.assertThat(at(security, "runAsNonRoot")).as(where).isEqualTo(true);
              softly.assertThat(at(security, "readOnlyRootFilesystem")).as(where).isEqualTo(true);
              softly
                  .assertThat(at(security, "allowPrivilegeEscalation"))
                  .as(where)
                  .isEqualTo(false);
              softly
                  .assertThat(at(security, "capabilities.drop"))
                  .as(where)
                  .isEqualTo(List.of("ALL"));
              softly
                  .assertThat(at(security, "seccompProfile.type"))
                  .as(where)
                  .isEqualTo("RuntimeDefault");
              softly.assertThat(mountPathOfEmptyDir(pod, container)).as(where).contains("/tmp");
            }
            softly
                .assertThat(at(deployment, "spec.template.metadata.annotations"))
                .as(name + " pod annotations")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKey("checksum/config");
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void everyServiceAccountIsBoundOnlyToItsOwnRole(ValuesFile values) {
    Manifests manifests = render(values);
    List<String> serviceAccounts =
        manifests.ofKind("ServiceAccount").stream().map(Manifests::name).toList();

    assertThat(manifests.ofKind("ClusterRole")).isEmpty();
    assertThat(manifests.ofKind("ClusterRoleBinding")).isEmpty();
    for (Map<String, Object> binding : manifests.ofKind("RoleBinding")) {
      String where = name(binding) + " in " + namespace(binding);
      List<Map<String, Object>> subjects = asMaps(binding.get("subjects"));
      assertThat(subjects).as(where).hasSize(1);
      Map<String, Object> subject = subjects.get(0);
      assertThat(subject.get("kind")).as(where).isEqualTo("ServiceAccount");
      assertThat(serviceAccounts).as(where).contains((String) subject.get("name"));
      assertThat(subject.get("namespace")).as(where).isEqualTo("spark-relay");

      Map<String, Object> roleRef = asMap(binding.get("roleRef"));
      assertThat(roleRef.get("kind")).as(where).isEqualTo("Role");
      Map<String, Object> role =
          manifests.ofKind("Role").stream()
              .filter(r -> name(r).equals(roleRef.get("name")))
              .filter(r -> namespace(r).equals(namespace(binding)))
              .findFirst()
              .orElseThrow(() -> new AssertionError(where + " refers to a Role not rendered"));
      assertThat(component(role)).as(where).isEqualTo(component(binding));
      Map<String, Object> account = manifests.named("ServiceAccount", (String) subject.get("name"));
      assertThat(component(account))
          .as(where + ": the account and the role belong to one component")
          .isEqualTo(component(role));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void noRuleUsesAWildcard(ValuesFile values) {
    Manifests manifests = render(values);

    for (Map<String, Object> role : manifests.ofKind("Role")) {
      for (Map<String, Object> rule : asMaps(role.get("rules"))) {
        for (String field : List.of("verbs", "resources", "apiGroups")) {
          assertThat(asList(rule.get(field)))
              .as("%s in %s: %s", name(role), namespace(role), field)
              .isNotEmpty()
              .doesNotContain("*");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void servicesAndDisruptionBudgetsSelectTheirOwnPods(ValuesFile values) {
    Manifests manifests = render(values);

    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      Object podLabels = at(deployment, "spec.template.metadata.labels");
      Map<String, Object> service = manifests.named("Service", name(deployment));
      assertThat(asMap(podLabels)).containsAllEntriesOf(asMap(at(service, "spec.selector")));
      assertThat(asMap(at(service, "spec.selector")))
          .containsEntry("app.kubernetes.io/component", component(deployment));
    }
    for (Map<String, Object> budget : manifests.ofKind("PodDisruptionBudget")) {
      Map<String, Object> deployment = manifests.named("Deployment", name(budget));
      assertThat(asMap(at(deployment, "spec.template.metadata.labels")))
          .containsAllEntriesOf(asMap(at(budget, "spec.selector.matchLabels")));
    }
  }

  private static List<String> mountPathOfEmptyDir(Object pod, Map<String, Object> container) {
    List<String> emptyDirs =
        asMaps(at(pod, "volumes")).stream()
            .filter(volume -> volume.containsKey("emptyDir"))
            .map(volume -> (String) volume.get("name"))
            .toList();
    return asMaps(container.get("volumeMounts")).stream()
        .filter(mount -> emptyDirs.contains((String) mount.get("name")))
        .filter(mount -> !Boolean.TRUE.equals(mount.get("readOnly")))
        .map(mount -> (String) mount.get("mountPath"))
        .toList();
  }
}
