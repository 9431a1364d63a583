package io.sparkrelay.launcher.rules;

import java.util.List;

/**
 * A checked trigger rule: which events it takes and the Workflow it creates for each.
 *
 * @param name the trigger name: the Workflow name prefix and the {@code spark-relay.io/trigger}
 *     label
 */
public record TriggerRule(
    String name,
    EventMatcher matcher,
    TemplateRef templateRef,
    String namespace,
    List<ParameterMapping> parameters) {

  public boolean matches(RelayEvent event) {
    return matcher.matches(event);
  }
}
