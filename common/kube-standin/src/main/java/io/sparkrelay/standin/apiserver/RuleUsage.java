package io.sparkrelay.standin.apiserver;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

/** How many requests one rule of one role allowed: 0 marks a rule a minimal role would drop. */
public record RuleUsage(RoleName role, int ruleIndex, PolicyRule rule, long allowed) {

  /** {@code Role <ns>/<name> rule <i>: <n> allowed}. */
  @Override
  public String toString() {
    return role + " rule " + ruleIndex + ": " + allowed + " allowed";
  }
}
