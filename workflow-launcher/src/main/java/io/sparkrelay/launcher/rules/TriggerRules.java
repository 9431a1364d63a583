package io.sparkrelay.launcher.rules;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.sparkrelay.launcher.config.LauncherConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The trigger rules in force, loaded and checked once at start-up (a bad file stops it). */
@Startup
@ApplicationScoped
public class TriggerRules {

  private final List<TriggerRule> rules;

  @Inject
  TriggerRules(LauncherConfig config) {
    this(
        new RulesFileLoader(
                config.workflows().defaultNamespace(), config.rules().maxParameterLength())
            .load(config.rules().file()));
    Log.infof(
        "loaded %d trigger rule(s) from %s: %s",
        rules.size(), config.rules().file(), rules.stream().map(TriggerRule::name).toList());
  }

  public TriggerRules(List<TriggerRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules the event matches, in file order; empty when none does. */
  public List<TriggerRule> matching(RelayEvent event) {
    return rules.stream().filter(rule -> rule.matches(event)).toList();
  }

  /** Namespaces the rules create Workflows in. */
  public Set<String> namespaces() {
    Set<String> namespaces = new TreeSet<>();
    rules.forEach(rule -> namespaces.add(rule.namespace()));
    return namespaces;
  }

  public List<TriggerRule> all() {
    return rules;
  }
}
