package io.sparkrelay.launcher.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The trigger rules file as written, bound by Jackson before any checking; {@link RulesCompiler}
 * turns it into {@link TriggerRule}s.
 */
public final class RulesFileSpec {

  private RulesFileSpec() {}

  /**
   * One rule: when an event matches, which Workflow to create and with what parameters. {@code
   * serviceAccountName} is read only to refuse it with a clear message: the WorkflowTemplate sets
   * it.
   */
  @RegisterForReflection
  public record Rule(
      String name,
      Match match,
      TemplateRef workflowTemplate,
      String namespace,
      String serviceAccountName,
      List<Parameter> parameters) {}

  /** All given parts must hold: the CloudEvent type, its source, every data condition. */
  @RegisterForReflection
  public record Match(Condition type, Condition source, List<DataCondition> data) {}

  /** A test on a CloudEvent attribute: exactly one of the three. */
  @RegisterForReflection
  public record Condition(String equals, String regex, List<String> oneOf) {}

  /** A test on a field of the event data, found by {@code path}: exactly one of the four. */
  @RegisterForReflection
  public record DataCondition(
      String path, String equals, String regex, Boolean exists, List<String> oneOf) {}

  /** The WorkflowTemplate (or, with clusterScope, ClusterWorkflowTemplate) to run. */
  @RegisterForReflection
  public record TemplateRef(String name, Boolean clusterScope) {}

  /**
   * A Workflow argument: from exactly one of {@code value}, {@code fromData}, {@code fromEvent};
   * {@code default} when the source is absent; the result must fully match {@code pattern} and be
   * at most {@code maxLength} characters (relay.rules.max-parameter-length when not given).
   */
  @RegisterForReflection
  public record Parameter(
      String name,
      String value,
      String fromData,
      String fromEvent,
      @JsonProperty("default") String defaultValue,
      String pattern,
      Integer maxLength) {}
}
