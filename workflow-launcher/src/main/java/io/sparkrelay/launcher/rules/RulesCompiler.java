package io.sparkrelay.launcher.rules;

import io.sparkrelay.launcher.rules.ParameterMapping.FromData;
import io.sparkrelay.launcher.rules.ParameterMapping.FromEvent;
import io.sparkrelay.launcher.rules.ParameterMapping.Literal;
import io.sparkrelay.launcher.rules.ParameterMapping.ValueSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks one rule as written and turns it into a {@link TriggerRule}; every refusal names the field
 * (the caller adds the rule).
 */
final class RulesCompiler {

  /** Room for "-" and the 10 hex digits of the run id hash within a 63-character name. */
  static final int MAX_RULE_NAME = 52;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_][-A-Za-z0-9_.]*");

  private final String defaultNamespace;
  private final int defaultMaxParameterLength;

  RulesCompiler(String defaultNamespace, int defaultMaxParameterLength) {
    this.defaultNamespace = defaultNamespace;
    this.defaultMaxParameterLength = defaultMaxParameterLength;
  }

  /** A rule field that is wrong; {@code field} is its path inside the rule. */
  static final class FieldException extends RuntimeException {
    final String field;

    FieldException(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  TriggerRule compile(RulesFileSpec.Rule spec) {
    String name = required("name", spec.name());
    if (name.length() > MAX_RULE_NAME || !DNS_LABEL.matcher(name).matches()) {
      throw new FieldException(
          "name",
          "must be a lowercase DNS label (a-z, 0-9, '-') of at most "
              + MAX_RULE_NAME
              + " characters, it prefixes Workflow names");
    }
    if (spec.serviceAccountName() != null) {
      throw new FieldException(
          "serviceAccountName",
          "is no longer supported: set spec.serviceAccountName in the WorkflowTemplate instead"
              + " (Argo's templateReferencing Strict and Secure refuse a Workflow that sets its own)");
    }
    return new TriggerRule(
        name,
        matcher(spec.match()),
        templateRef(spec.workflowTemplate()),
        name("namespace", spec.namespace(), defaultNamespace, DNS_LABEL),
        parameters(spec.parameters()));
  }

  private EventMatcher matcher(RulesFileSpec.Match match) {
    if (match == null
        || (match.type() == null
            && match.source() == null
            && (match.data() == null || match.data().isEmpty()))) {
      throw new FieldException(
          "match", "is required and needs at least one of type, source, data (no catch-all rules)");
    }
    List<EventMatcher.DataMatch> data = new ArrayList<>();
    if (match.data() != null) {
      for (int i = 0; i < match.data().size(); i++) {
        data.add(dataMatch("match.data[" + i + "]", match.data().get(i)));
      }
    }
    return new EventMatcher(
        attributeCondition("match.type", match.type()),
        attributeCondition("match.source", match.source()),
        List.copyOf(data));
  }

  private FieldCondition attributeCondition(String field, RulesFileSpec.Condition condition) {
    if (condition == null) {
      return null;
    }
    return condition(field, condition.equals(), condition.regex(), null, condition.oneOf());
  }

  private EventMatcher.DataMatch dataMatch(String field, RulesFileSpec.DataCondition condition) {
    if (condition == null) {
      throw new FieldException(field, "is empty");
    }
    DataPath path;
    try {
      path = DataPath.parse(condition.path());
    } catch (IllegalArgumentException e) {
      throw new FieldException(field + ".path", e.getMessage());
    }
    return new EventMatcher.DataMatch(
        path,
        condition(
            field, condition.equals(), condition.regex(), condition.exists(), condition.oneOf()));
  }

  private FieldCondition condition(
      String field, String equals, String regex, Boolean exists, List<String> oneOf) {
    int given =
        (equals != null ? 1 : 0)
            + (regex != null ? 1 : 0)
            + (exists != null ? 1 : 0)
            + (oneOf != null ? 1 : 0);
    if (given != 1) {
      throw new FieldException(
          field,
          "needs exactly one of equals, regex, oneOf"
              + (field.contains("data") ? ", exists" : "")
              + " (found "
              + given
              + ")");
    }
    if (equals != null) {
      return FieldCondition.equalTo(equals);
    }
    if (regex != null) {
      return FieldCondition.matching(compile(field + ".regex", regex));
    }
    if (exists != null) {
      return FieldCondition.exists(exists);
    }
    if (oneOf.isEmpty() || oneOf.contains(null)) {
      throw new FieldException(field + ".oneOf", "must list at least one value, none of them null");
    }
    return FieldCondition.oneOf(Set.copyOf(new LinkedHashSet<>(oneOf)));
  }

  private TemplateRef templateRef(RulesFileSpec.TemplateRef ref) {
    if (ref == null) {
      throw new FieldException("workflowTemplate", "is required");
    }
    String name = required("workflowTemplate.name", ref.name());
    if (!DNS_SUBDOMAIN.matcher(name).matches() || name.length() > 253) {
      throw new FieldException("workflowTemplate.name", "'" + name + "' is not a valid name");
    }
    return new TemplateRef(name, Boolean.TRUE.equals(ref.clusterScope()));
  }

  private String name(String field, String value, String fallback, Pattern shape) {
    String name = value == null ? fallback : value;
    if (!shape.matcher(name).matches() || name.length() > 63) {
      throw new FieldException(field, "'" + name + "' is not a valid Kubernetes name");
    }
    return name;
  }

  private List<ParameterMapping> parameters(List<RulesFileSpec.Parameter> specs) {
    if (specs == null) {
      return List.of();
    }
    List<ParameterMapping> parameters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      String field = "parameters[" + i + "]";
      ParameterMapping parameter = parameter(field, specs.get(i));
      if (!names.add(parameter.name())) {
        throw new FieldException(
            field + ".name", "parameter '" + parameter.name() + "' is given twice");
      }
      parameters.add(parameter);
    }
    return List.copyOf(parameters);
  }

  private ParameterMapping parameter(String field, RulesFileSpec.Parameter spec) {
    if (spec == null) {
      throw new FieldException(field, "is empty");
    }
    String name = required(field + ".name", spec.name());
    if (!PARAMETER_NAME.matcher(name).matches()) {
      throw new FieldException(field + ".name", "'" + name + "' is not a valid parameter name");
    }
    ValueSource source = valueSource(field, spec);
    if (source instanceof Literal && spec.defaultValue() != null) {
      throw new FieldException(field + ".default", "makes no sense next to a literal value");
    }
    Pattern pattern = spec.pattern() == null ? null : compile(field + ".pattern", spec.pattern());
    int maxLength = spec.maxLength() == null ? defaultMaxParameterLength : spec.maxLength();
    if (maxLength < 1) {
      throw new FieldException(field + ".maxLength", "must be at least 1");
    }
    ParameterMapping mapping =
        new ParameterMapping(name, source, spec.defaultValue(), pattern, maxLength);
    checkFixedValue(field + ".value", mapping, source instanceof Literal l ? l.value() : null);
    checkFixedValue(field + ".default", mapping, spec.defaultValue());
    return mapping;
  }

  private static ValueSource valueSource(String field, RulesFileSpec.Parameter spec) {
    int given =
        (spec.value() != null ? 1 : 0)
            + (spec.fromData() != null ? 1 : 0)
            + (spec.fromEvent() != null ? 1 : 0);
    if (given != 1) {
      throw new FieldException(
          field, "needs exactly one of value, fromData, fromEvent (found " + given + ")");
    }
    if (spec.value() != null) {
      return new Literal(spec.value());
    }
    if (spec.fromData() != null) {
      try {
        return new FromData(DataPath.parse(spec.fromData()));
      } catch (IllegalArgumentException e) {
        throw new FieldException(field + ".fromData", e.getMessage());
      }
    }
    return new FromEvent(
        EventAttribute.byKey(spec.fromEvent())
            .orElseThrow(
                () ->
                    new FieldException(
                        field + ".fromEvent",
                        "'" + spec.fromEvent() + "' is not one of " + EventAttribute.keys())));
  }

  /** A literal or default the rule author wrote must pass the same checks as event values. */
  private static void checkFixedValue(String field, ParameterMapping mapping, String value) {
    if (value == null) {
      return;
    }
    try {
      mapping.check(value);
    } catch (ParameterRejectedException e) {
      throw new FieldException(field, e.getMessage());
    }
  }

  private static Pattern compile(String field, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new FieldException(
          field, "'" + regex + "' is not a valid regular expression: " + e.getDescription());
    }
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new FieldException(field, "is required");
    }
    return value;
  }
}
