package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `helm lint` and `helm template` with Helm 4 and Helm 3, for the defaults and each ci values file.
 */
class ChartLintTest {

  static Stream<Arguments> helmAndValues() {
    List<Helm> helms = List.of(Helm.v4(), Helm.v3());
    return helms.stream()
        .flatMap(helm -> ValuesFile.all().stream().map(values -> Arguments.of(helm, values)));
  }

  static List<ValuesFile> valuesFiles() {
    return ValuesFile.all();
  }

  @ParameterizedTest(name = "{0} lint --strict with {1}")
  @MethodSource("helmAndValues")
  void lintPasses(Helm helm, ValuesFile values) {
    CommandResult result = helm.lint(values);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(result.stdout()).contains("0 chart(s) failed");
  }

  @ParameterizedTest(name = "{0} template with {1}")
  @MethodSource("helmAndValues")
  void templateRendersTheServices(Helm helm, ValuesFile values) {
    Manifests manifests = Manifests.parse(helm.template(values, Map.of()));

    assertThat(manifests.ofKind("Deployment")).isNotEmpty();
    assertThat(manifests.ofKind("Service")).hasSameSizeAs(manifests.ofKind("Deployment"));
  }

  @ParameterizedTest(name = "Helm 3 and Helm 4 render the same with {0}")
  @MethodSource("valuesFiles")
  void helm3AndHelm4RenderTheSame(ValuesFile values) {
    String byHelm4 = Helm.v4().template(values, Map.of());
    String byHelm3 = Helm.v3().template(values, Map.of());

    assertThat(withoutRandomCredential(Manifests.parse(byHelm3)))
        .isEqualTo(withoutRandomCredential(Manifests.parse(byHelm4)));
  }

  /**
   * The submitter's credential Secret holds a new random value at each render without a cluster (no
   * live Secret to take over): compared without its data, which SubmitterCredentialTest checks.
   */
  private static Manifests withoutRandomCredential(Manifests manifests) {
    return new Manifests(
        manifests.objects().stream()
            .map(
                object -> {
                  if (!"Secret".equals(object.get("kind"))
                      || !Manifests.name(object).endsWith("-spark-submitter-credential")) {
                    return object;
                  }
                  Map<String, Object> copy = new java.util.LinkedHashMap<>(object);
                  copy.remove("data");
                  return copy;
                })
            .toList());
  }
}
