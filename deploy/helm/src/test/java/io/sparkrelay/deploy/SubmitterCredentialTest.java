package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asMap;
import static io.sparkrelay.deploy.Manifests.asMaps;
import static io.sparkrelay.deploy.Manifests.at;
import static io.sparkrelay.deploy.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the submitter's bearer credential. One value in a Secret in the workflow namespace (the
 * WorkflowTemplate's header) and one in the release namespace (the submitter's env), or the
 * operator's own Secret under sparkSubmitter.credential.existingSecret.
 */
class SubmitterCredentialTest {

  private static final String SECRET = "spark-relay-spark-submitter-credential";

  private static Manifests render(Map<String, String> sets) {
    return Manifests.parse(Helm.v4().template(ValuesFile.defaults(), sets));
  }

  private static List<Map<String, Object>> env(Manifests manifests) {
    Map<String, Object> deployment = manifests.named("Deployment", "spark-relay-spark-submitter");
    return asMaps(asMaps(at(deployment, "spec.template.spec.containers")).get(0).get("env"));
  }

  private static Map<String, Object> envNamed(Manifests manifests, String name) {
    return env(manifests).stream()
        .filter(e -> name.equals(e.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  @Test
  void theChartWritesOneRandomCredentialInTheWorkflowAndTheReleaseNamespace() {
    Manifests manifests = render(Map.of());

    List<Map<String, Object>> secrets =
        manifests.ofKind("Secret").stream().filter(s -> SECRET.equals(Manifests.name(s))).toList();
    assertThat(secrets)
        .extracting(Manifests::namespace)
        .containsExactly("argo-workflows", "spark-relay");
    String value = (String) asMap(secrets.get(0).get("data")).get("authorization");
    assertThat(asMap(secrets.get(1).get("data"))).isEqualTo(Map.of("authorization", value));
    String header = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    assertThat(header).matches("Bearer [A-Za-z0-9]{48}");
    // a new random value each time there is no live Secret to take over (helm template, install)
    assertThat(
            render(Map.of()).ofKind("Secret").stream()
                .filter(s -> SECRET.equals(Manifests.name(s)))
                .map(s -> asMap(s.get("data")).get("authorization")))
        .doesNotContain(value);
  }

  @Test
  void theSubmitterReadsBothKeysOfTheSecretInItsNamespaceAndChecksTheWorkflowNamespace() {
    Manifests manifests = render(Map.of("argo.workflowNamespace", "pipelines"));

    assertThat(at(envNamed(manifests, "RELAY_AUTH_CREDENTIALS_0_"), "valueFrom.secretKeyRef"))
        .isEqualTo(Map.of("name", SECRET, "key", "authorization"));
    assertThat(at(envNamed(manifests, "RELAY_AUTH_CREDENTIALS_1_"), "valueFrom.secretKeyRef"))
        .isEqualTo(Map.of("name", SECRET, "key", "previous-authorization", "optional", true));
    assertThat(envNamed(manifests, "RELAY_WORKFLOWS_NAMESPACE").get("value"))
        .isEqualTo("pipelines");
    assertThat(
            manifests.ofKind("Secret").stream()
                .filter(s -> SECRET.equals(Manifests.name(s)))
                .map(Manifests::namespace))
        .containsExactly("pipelines", "spark-relay");
    assertThat(
            manifests.ofKind("Role").stream()
                .filter(r -> "spark-relay-spark-submitter".equals(Manifests.name(r)))
                .filter(r -> "pipelines".equals(namespace(r)))
                .flatMap(r -> asMaps(r.get("rules")).stream()))
        .containsExactly(
            Map.of(
                "apiGroups",
                List.of("argoproj.io"),
                "resources",
                List.of("workflows"),
                "verbs",
                List.of("get")));
  }

  @Test
  void anExistingSecretIsReferencedAndNoneIsWritten() {
    Manifests manifests =
        render(Map.of("sparkSubmitter.credential.existingSecret", "my-credential"));

    assertThat(manifests.ofKind("Secret")).extracting(Manifests::name).doesNotContain(SECRET);
    assertThat(at(envNamed(manifests, "RELAY_AUTH_CREDENTIALS_0_"), "valueFrom.secretKeyRef.name"))
        .isEqualTo("my-credential");
    assertThat(at(envNamed(manifests, "RELAY_AUTH_CREDENTIALS_1_"), "valueFrom.secretKeyRef.name"))
        .isEqualTo("my-credential");
  }

  @Test
  void aWorkflowNamespaceThatIsAlsoADataNamespaceGetsOneRoleWithBothRules() {
    Manifests manifests = render(Map.of("argo.workflowNamespace", "spark-team-a"));

    List<Map<String, Object>> roles =
        manifests.ofKind("Role").stream()
            .filter(r -> "spark-relay-spark-submitter".equals(Manifests.name(r)))
            .toList();
    assertThat(roles).extracting(Manifests::namespace).containsExactly("spark-team-a");
    assertThat(asMaps(roles.get(0).get("rules")))
        .extracting(rule -> rule.get("resources"))
        .containsExactly(List.of("sparkapplications"), List.of("workflows"));
    // the release namespace and the workflow namespace differ: still two Secrets
    assertThat(
            manifests.ofKind("Secret").stream()
                .filter(s -> SECRET.equals(Manifests.name(s)))
                .map(Manifests::namespace))
        .containsExactly("spark-team-a", "spark-relay");
  }
}
