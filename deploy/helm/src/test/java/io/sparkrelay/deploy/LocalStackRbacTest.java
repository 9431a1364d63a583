package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The local stack's API stand-in enforces the RBAC in deploy/local/rbac/spark-relay.yaml; it must
 * be exactly what the chart renders, or the chain tests would pass under rules no cluster has.
 */
class LocalStackRbacTest {

  private static final Set<String> RBAC_KINDS =
      Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

  @Test
  void theLocalStacksRbacIsWhatTheChartRenders() throws IOException {
    Path committed = Project.repoDir().resolve("deploy/local/rbac/spark-relay.yaml");
    List<Map<String, Object>> rendered =
        rbac(Manifests.parse(Helm.v4().template(ValuesFile.defaults(), Map.of())));

    assertThat(rbac(Manifests.parse(Files.readString(committed))))
        .as("%s is out of date: run deploy/local/rbac/render.sh", committed)
        .isEqualTo(rendered);
    assertThat(rendered).as("the chart renders RBAC with its defaults").isNotEmpty();
  }

  private static List<Map<String, Object>> rbac(Manifests manifests) {
    return manifests.objects().stream().filter(o -> RBAC_KINDS.contains(o.get("kind"))).toList();
  }
}
