package io.sparkrelay.standin.apiserver;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;

/** RBAC's matching, as kube's rbac authorizer and its rbacv1helpers do it. */
final class PolicyRules {

  private PolicyRules() {}

  static boolean allows(PolicyRule rule, RequestAttributes request) {
    if (!request.resourceRequest()) {
      return verbMatches(rule, request.verb()) && nonResourceUrlMatches(rule, request.path());
    }
    return verbMatches(rule, request.verb())
        && apiGroupMatches(rule, request.apiGroup())
        && resourceMatches(rule, request.resourceWithSubresource(), request.subresource())
        && resourceNameMatches(rule, request.name());
  }

  /**
   * Whether a binding's subject is {@code who}. A ServiceAccount subject without a namespace means
   * the binding's own ({@code bindingNamespace}, "" for a ClusterRoleBinding, where it matches
   * none).
   */
  static boolean appliesTo(Subject subject, Identity who, String bindingNamespace) {
    return switch (subject.getKind()) {
      case "User" -> who.user().equals(subject.getName());
      case "Group" -> who.inGroup(subject.getName());
      case "ServiceAccount" -> {
        String namespace =
            isEmpty(subject.getNamespace()) ? bindingNamespace : subject.getNamespace();
        yield !namespace.isEmpty()
            && who.user().equals(Identity.serviceAccountUser(namespace, subject.getName()));
      }
      case null, default -> false;
    };
  }

  private static boolean verbMatches(PolicyRule rule, String verb) {
    return list(rule.getVerbs()).stream().anyMatch(v -> v.equals("*") || v.equals(verb));
  }

  private static boolean apiGroupMatches(PolicyRule rule, String group) {
    return list(rule.getApiGroups()).stream().anyMatch(g -> g.equals("*") || g.equals(group));
  }

  /** {@code *} matches everything, subresources too; {@code *}/sub matches sub of any resource. */
  private static boolean resourceMatches(PolicyRule rule, String combined, String subresource) {
    return list(rule.getResources()).stream()
        .anyMatch(
            r ->
                r.equals("*")
                    || r.equals(combined)
                    || (!subresource.isEmpty() && r.equals("*/" + subresource)));
  }

  /** Names restrict a rule: an unnamed request (create, plain list or watch) never matches them. */
  private static boolean resourceNameMatches(PolicyRule rule, String name) {
    List<String> names = list(rule.getResourceNames());
    return names.isEmpty() || names.contains(name);
  }

  private static boolean nonResourceUrlMatches(PolicyRule rule, String path) {
    return list(rule.getNonResourceURLs()).stream()
        .anyMatch(
            url ->
                url.equals("*")
                    || url.equals(path)
                    || (url.endsWith("*") && path.startsWith(url.replaceAll("\\*+$", ""))));
  }

  private static List<String> list(List<String> values) {
    return values == null ? List.of() : values;
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
