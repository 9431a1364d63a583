package io.sparkrelay.standin.apiserver;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * kube's RBAC authorizer over an {@link RbacPolicy}: the rules of every ClusterRoleBinding that
 * names the user apply everywhere, those of the RoleBindings in the request's namespace only there;
 * the first rule that allows the request decides, and is counted ({@link #usage()}). The {@code
 * system:masters} group is allowed everything, as kube-apiserver's privileged-group authorizer does
 * before RBAC, and counts for no rule.
 */
public final class RbacAuthorizer {

  public static final String MASTERS = "system:masters";

  /**
   * The outcome. {@code reason} is what kube appends to the Forbidden message ("" or {@code RBAC:
   * ...} naming missing roles); {@code boundRoles} the roles bound to the user that were consulted.
   */
  public record Decision(
      boolean allowed, String reason, List<RoleName> boundRoles, Optional<RuleRef> allowedBy) {}

  /** One rule of one role. */
  public record RuleRef(RoleName role, int index) {}

  private final RbacPolicy policy;
  private final Map<RuleRef, LongAdder> allowedCounts = new LinkedHashMap<>();

  public RbacAuthorizer(RbacPolicy policy) {
    this.policy = policy;
    for (RoleName role : policy.roleNames()) {
      for (int i = 0; i < policy.rulesOf(role).orElseThrow().size(); i++) {
        allowedCounts.put(new RuleRef(role, i), new LongAdder());
      }
    }
  }

  public Decision authorize(Identity who, RequestAttributes request) {
    if (who.inGroup(MASTERS)) {
      return new Decision(true, "", List.of(), Optional.empty());
    }
    Set<RoleName> bound = new LinkedHashSet<>();
    Set<String> errors = new LinkedHashSet<>();
    for (var binding : policy.clusterRoleBindings()) {
      if (appliesTo(binding.getSubjects(), who, "")) {
        Optional<RuleRef> allowing = visit(binding.getRoleRef(), "", request, bound, errors);
        if (allowing.isPresent()) {
          return allowed(allowing.get(), bound);
        }
      }
    }
    String namespace = request.namespace();
    if (!namespace.isEmpty()) {
      for (var binding : policy.roleBindingsIn(namespace)) {
        if (appliesTo(binding.getSubjects(), who, namespace)) {
          Optional<RuleRef> allowing =
              visit(binding.getRoleRef(), namespace, request, bound, errors);
          if (allowing.isPresent()) {
            return allowed(allowing.get(), bound);
          }
        }
      }
    }
    return new Decision(false, reason(errors), List.copyOf(bound), Optional.empty());
  }

  /** Every rule of every role loaded, in load order, with the requests it allowed. */
  public List<RuleUsage> usage() {
    List<RuleUsage> usage = new ArrayList<>();
    allowedCounts.forEach(
        (ref, count) ->
            usage.add(
                new RuleUsage(
                    ref.role(),
                    ref.index(),
                    policy.rulesOf(ref.role()).orElseThrow().get(ref.index()),
                    count.sum())));
    return usage;
  }

  /** The rules that allowed nothing so far. */
  public List<RuleUsage> unusedRules() {
    return usage().stream().filter(u -> u.allowed() == 0).toList();
  }

  private Decision allowed(RuleRef rule, Set<RoleName> bound) {
    allowedCounts.get(rule).increment();
    return new Decision(true, "", List.copyOf(bound), Optional.of(rule));
  }

  /** The first rule of the referenced role that allows the request; a missing role is an error. */
  private Optional<RuleRef> visit(
      RoleRef ref,
      String bindingNamespace,
      RequestAttributes request,
      Set<RoleName> bound,
      Set<String> errors) {
    RoleName role =
        switch (ref.getKind()) {
          case "Role" -> RoleName.role(bindingNamespace, ref.getName());
          case "ClusterRole" -> RoleName.clusterRole(ref.getName());
          case null, default -> null;
        };
    if (role == null) {
      errors.add("unsupported role reference kind: \"" + ref.getKind() + "\"");
      return Optional.empty();
    }
    Optional<List<PolicyRule>> rules = policy.rulesOf(role);
    if (rules.isEmpty()) {
      String kind = role.kind().toLowerCase(Locale.ROOT);
      errors.add(kind + ".rbac.authorization.k8s.io \"" + role.name() + "\" not found");
      return Optional.empty();
    }
    bound.add(role);
    for (int i = 0; i < rules.get().size(); i++) {
      if (PolicyRules.allows(rules.get().get(i), request)) {
        return Optional.of(new RuleRef(role, i));
      }
    }
    return Optional.empty();
  }

  private static boolean appliesTo(List<Subject> subjects, Identity who, String namespace) {
    return subjects != null
        && subjects.stream().anyMatch(s -> PolicyRules.appliesTo(s, who, namespace));
  }

  /** kube's aggregate error text: one error as is, several as {@code [a, b]}. */
  private static String reason(Set<String> errors) {
    if (errors.isEmpty()) {
      return "";
    }
    String joined = String.join(", ", errors);
    return "RBAC: " + (errors.size() == 1 ? joined : "[" + joined + "]");
  }
}
