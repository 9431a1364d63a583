package io.sparkrelay.standin.apiserver;

/** A Role (namespaced) or a ClusterRole (namespace ""), as bindings refer to them. */
public record RoleName(String kind, String namespace, String name) {

  public static RoleName role(String namespace, String name) {
    return new RoleName("Role", namespace, name);
  }

  public static RoleName clusterRole(String name) {
    return new RoleName("ClusterRole", "", name);
  }

  /** {@code Role <ns>/<name>} or {@code ClusterRole <name>}. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + " " + name : kind + " " + namespace + "/" + name;
  }
}
