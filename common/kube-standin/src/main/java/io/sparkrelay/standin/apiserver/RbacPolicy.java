package io.sparkrelay.standin.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Roles, ClusterRoles, RoleBindings and ClusterRoleBindings of some YAML files (any number of
 * documents each, {@code kind: List} too); every other kind is ignored. An object without a
 * namespace lands in {@code default}, as {@code kubectl apply} would put it. Aggregated
 * ClusterRoles keep only the rules they list: no controller fills them in here.
 */
public final class RbacPolicy {

  private static final String DEFAULT_NAMESPACE = "default";

  private final Map<RoleName, List<PolicyRule>> roles;
  private final List<ClusterRoleBinding> clusterRoleBindings;
  private final List<RoleBinding> roleBindings;

  private RbacPolicy(
      Map<RoleName, List<PolicyRule>> roles,
      List<ClusterRoleBinding> clusterRoleBindings,
      List<RoleBinding> roleBindings) {
    this.roles = roles;
    this.clusterRoleBindings = List.copyOf(clusterRoleBindings);
    this.roleBindings = List.copyOf(roleBindings);
  }

  public static RbacPolicy load(List<Path> files) throws IOException {
    List<String> texts = new ArrayList<>();
    for (Path file : files) {
      texts.add(Files.readString(file));
    }
    return fromYaml(texts);
  }

  public static RbacPolicy fromYaml(List<String> yamlTexts) {
    Map<RoleName, List<PolicyRule>> roles = new LinkedHashMap<>();
    List<ClusterRoleBinding> clusterRoleBindings = new ArrayList<>();
    List<RoleBinding> roleBindings = new ArrayList<>();
    for (String yaml : yamlTexts) {
      for (Object object : objects(yaml)) {
        switch (object) {
          case Role role ->
              define(
                  roles,
                  RoleName.role(namespaceOf(role), role.getMetadata().getName()),
                  role.getRules());
          case ClusterRole role ->
              define(roles, RoleName.clusterRole(role.getMetadata().getName()), role.getRules());
          case RoleBinding binding -> {
            binding.getMetadata().setNamespace(namespaceOf(binding));
            roleBindings.add(binding);
          }
          case ClusterRoleBinding binding -> clusterRoleBindings.add(binding);
          default -> {}
        }
      }
    }
    return new RbacPolicy(roles, clusterRoleBindings, roleBindings);
  }

  /**
   * This policy plus the discovery roles every kube-apiserver bootstraps ({@link BootstrapRoles}),
   * so that clients reading {@code /api} or {@code /apis} are not refused. A role the files define
   * already keeps their rules.
   */
  public RbacPolicy withBootstrapRoles() {
    RbacPolicy bootstrap = fromYaml(List.of(BootstrapRoles.YAML));
    Map<RoleName, List<PolicyRule>> all = new LinkedHashMap<>(roles);
    bootstrap.roles.forEach(all::putIfAbsent);
    List<ClusterRoleBinding> bindings = new ArrayList<>(clusterRoleBindings);
    bindings.addAll(bootstrap.clusterRoleBindings);
    return new RbacPolicy(all, bindings, roleBindings);
  }

  /** Every role loaded, in load order. */
  public List<RoleName> roleNames() {
    return List.copyOf(roles.keySet());
  }

  public Optional<List<PolicyRule>> rulesOf(RoleName role) {
    return Optional.ofNullable(roles.get(role));
  }

  public List<ClusterRoleBinding> clusterRoleBindings() {
    return clusterRoleBindings;
  }

  public List<RoleBinding> roleBindingsIn(String namespace) {
    return roleBindings.stream()
        .filter(b -> b.getMetadata().getNamespace().equals(namespace))
        .toList();
  }

  private static List<?> objects(String yaml) {
    Object parsed = Serialization.unmarshal(yaml);
    if (parsed == null) {
      return List.of();
    }
    // Several documents come back as one list (a kind: List among them flattened), a lone
    // kind: List as such.
    return switch (parsed) {
      case List<?> list -> list;
      case KubernetesResourceList<?> list -> list.getItems();
      default -> List.of(parsed);
    };
  }

  private static void define(
      Map<RoleName, List<PolicyRule>> roles, RoleName name, List<PolicyRule> rules) {
    if (roles.putIfAbsent(name, List.copyOf(rules == null ? List.of() : rules)) != null) {
      throw new IllegalArgumentException(name + " is defined twice");
    }
  }

  private static String namespaceOf(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
  }
}
