package io.sparkrelay.launcher.nats;

import io.sparkrelay.launcher.rules.RulesFileLoader;
import io.sparkrelay.launcher.rules.TriggerRules;

/** The rules shipped in the jar, as production loads them (namespace argo-workflows). */
final class ShippedRules {

  private ShippedRules() {}

  static TriggerRules load() {
    return new TriggerRules(
        new RulesFileLoader("argo-workflows", 4096).load("classpath:rules/default-rules.yaml"));
  }
}
