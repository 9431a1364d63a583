package io.sparkrelay.simulator.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkrelay.standin.RelayCustomResources;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds the simulator can create or read by apiVersion and kind. The mock API server has no
 * discovery endpoint, so the plural and scope of each kind must be known up front.
 */
public final class ResourceKinds {

  private static final Map<String, ResourceDefinitionContext> KNOWN = new HashMap<>();

  static {
    RelayCustomResources.ALL.forEach(ResourceKinds::register);
    core("v1", "Namespace", "namespaces", false);
    core("v1", "Pod", "pods", true);
    core("v1", "ConfigMap", "configmaps", true);
    core("v1", "Secret", "secrets", true);
    core("v1", "ServiceAccount", "serviceaccounts", true);
    core("v1", "Service", "services", true);
    rbac("Role", "roles", true);
    rbac("RoleBinding", "rolebindings", true);
    rbac("ClusterRole", "clusterroles", false);
    rbac("ClusterRoleBinding", "clusterrolebindings", false);
  }

  private ResourceKinds() {}

  /** The definition of {@code kind} in {@code apiVersion} ("group/version" or "v1"). */
  public static Optional<ResourceDefinitionContext> find(String apiVersion, String kind) {
    return Optional.ofNullable(KNOWN.get(apiVersion + "/" + kind));
  }

  private static void register(ResourceDefinitionContext context) {
    String apiVersion =
        context.getGroup() == null || context.getGroup().isEmpty()
            ? context.getVersion()
            : context.getGroup() + "/" + context.getVersion();
    KNOWN.put(apiVersion + "/" + context.getKind(), context);
  }

  private static void core(String version, String kind, String plural, boolean namespaced) {
    register(
        new ResourceDefinitionContext.Builder()
            .withGroup("")
            .withVersion(version)
            .withKind(kind)
            .withPlural(plural)
            .withNamespaced(namespaced)
            .build());
  }

  private static void rbac(String kind, String plural, boolean namespaced) {
    register(
        new ResourceDefinitionContext.Builder()
            .withGroup("rbac.authorization.k8s.io")
            .withVersion("v1")
            .withKind(kind)
            .withPlural(plural)
            .withNamespaced(namespaced)
            .build());
  }
}
