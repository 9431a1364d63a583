package io.sparkrelay.contract;

/** Where a custom resource lives in the API: group, version, kind, plural, scope, /status. */
public record CustomResource(
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    boolean statusSubresource) {

  /** {@code group/version}, e.g. {@code argoproj.io/v1alpha1}. */
  public String apiVersion() {
    return group + "/" + version;
  }
}
