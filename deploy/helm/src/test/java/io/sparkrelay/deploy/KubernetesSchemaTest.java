package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered object of a built-in kind binds to the Kubernetes object model (fabric8) without a
 * field the model does not know: a misspelt or misplaced field (`readinesProbe`, `securityContext`
 * one level too high) would be ignored by the API server's defaulting and silently lost.
 */
class KubernetesSchemaTest {

  private static final Set<String> BUILT_IN_KINDS =
      Set.of(
          "Deployment",
          "Service",
          "ServiceAccount",
          "ConfigMap",
          "Secret",
          "Role",
          "RoleBinding",
          "PodDisruptionBudget",
          "NetworkPolicy");

  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  static List<ValuesFile> valuesFiles() {
    return ValuesFile.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void everyBuiltInObjectHasOnlyKnownFields(ValuesFile values) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    Manifests manifests = Manifests.parse(Helm.v4().template(values, Map.of()));
    List<String> unknown = new ArrayList<>();
    int checked = 0;

    for (Map<String, Object> object : manifests.objects()) {
      String kind = (String) object.get("kind");
      if (!BUILT_IN_KINDS.contains(kind)) {
        continue;
      }
      KubernetesResource typed =
          serialization.unmarshal(serialization.asJson(object), KubernetesResource.class);
      assertThat(typed).as(kind).isNotInstanceOf(GenericKubernetesResource.class);
      collectUnknownFields(typed, kind + "/" + Manifests.name(object), unknown);
      checked++;
    }

    assertThat(checked).isGreaterThan(5);
    assertThat(unknown).as("fields the Kubernetes API does not know").isEmpty();
  }

  @Test
  void theCheckItselfNoticesAMisspeltField() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    Map<String, Object> deployment =
        Manifests.parse(Helm.v4().template(ValuesFile.defaults(), Map.of()))
            .ofKind("Deployment")
            .get(0);
    Map<String, Object> container =
        Manifests.asMaps(Manifests.at(deployment, "spec.template.spec.containers")).get(0);
    container.put("readinesProbe", container.get("readinessProbe"));
    List<String> unknown = new ArrayList<>();

    collectUnknownFields(
        serialization.unmarshal(serialization.asJson(deployment), KubernetesResource.class),
        "deployment",
        unknown);

    assertThat(unknown).singleElement().asString().endsWith("readinesProbe");
  }

  /** Walks the typed object graph; what the model could not place lands in additionalProperties. */
  private static void collectUnknownFields(Object node, String path, List<String> unknown) {
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknownFields(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
      return;
    }
    if (node == null || !node.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class
          || !getter.getName().startsWith("get")) {
        continue;
      }
      Object value = invoke(getter, node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra) {
          extra.keySet().forEach(key -> unknown.add(path + "." + key));
        }
      } else {
        String property =
            Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
        collectUnknownFields(value, path + "." + property, unknown);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError("cannot read " + getter, e);
    }
  }
}
