package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asMaps;
import static io.sparkrelay.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code run.sh --containers} runs each service as deploy/local/containers/deployments.yaml says,
 * and the images deploy/images/build.sh makes: both must be what the chart renders by default (but
 * {@code nats.replicas=1}: the local stack runs one nats-server), or the containerised chain would
 * pass under settings and images no install has.
 */
class LocalContainersTest {

  @Test
  void theLocalStacksDeploymentsAreWhatTheChartRenders() throws IOException {
    Path committed = Project.repoDir().resolve("deploy/local/containers/deployments.yaml");
    assertThat(deployments(Manifests.parse(Files.readString(committed))))
        .as("%s is out of date: run deploy/local/containers/render.sh", committed)
        .isEqualTo(deployments(rendered()))
        .hasSize(4);
  }

  @Test
  void theChartsDefaultImagesAreTheOnesTheBuildMakes() throws Exception {
    List<String> images =
        deployments(rendered()).stream()
            .flatMap(d -> asMaps(at(d, "spec.template.spec.containers")).stream())
            .map(c -> (String) c.get("image"))
            .sorted()
            .toList();
    Process names =
        new ProcessBuilder(
                List.of(
                    Project.repoDir().resolve("deploy/images/build.sh").toString(),
                    "--print-names"))
            .redirectErrorStream(true)
            .start();
    String printed = new String(names.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(names.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(names.exitValue()).as(printed).isZero();
    assertThat(printed.lines().sorted().toList())
        .isEqualTo(images)
        .containsExactly(
            "ghcr.io/spark-relay/spark-submitter:0.1.0",
            "ghcr.io/spark-relay/sqs-bridge:0.1.0",
            "ghcr.io/spark-relay/status-reporter:0.1.0",
            "ghcr.io/spark-relay/workflow-launcher:0.1.0");
  }

  @Test
  void theImagesRunAsTheUserThePodsRunAs() throws IOException {
    String containerfile =
        Files.readString(Project.repoDir().resolve("deploy/images/Containerfile"));
    for (Map<String, Object> deployment : deployments(rendered())) {
      assertThat(at(deployment, "spec.template.spec.securityContext.runAsUser")).isEqualTo(185);
      assertThat(at(deployment, "spec.template.spec.securityContext.runAsGroup")).isEqualTo(185);
    }
    assertThat(containerfile.lines().filter(l -> l.startsWith("USER ")))
        .containsExactly("USER 185:185");
  }

  private static Manifests rendered() {
    return Manifests.parse(
        Helm.v4()
            .template(
                ValuesFile.defaults(), Map.of("nats.allowInsecure", "true", "nats.replicas", "1")));
  }

  private static List<Map<String, Object>> deployments(Manifests manifests) {
    return manifests.objects().stream().filter(o -> "Deployment".equals(o.get("kind"))).toList();
  }
}
