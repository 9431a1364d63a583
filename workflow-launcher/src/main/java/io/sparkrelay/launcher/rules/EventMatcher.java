package io.sparkrelay.launcher.rules;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * The match part of a rule: every condition given must hold (a missing type or source condition
 * accepts any).
 */
public record EventMatcher(FieldCondition type, FieldCondition source, List<DataMatch> data) {

  /** A condition on the field of the event data at {@code path}. */
  public record DataMatch(DataPath path, FieldCondition condition) {

    boolean test(RelayEvent event) {
      return condition.test(path.find(event.data()));
    }
  }

  public boolean matches(RelayEvent event) {
    return attributeHolds(type, event.type())
        && attributeHolds(source, event.source())
        && data.stream().allMatch(d -> d.test(event));
  }

  private static boolean attributeHolds(FieldCondition condition, String value) {
    return condition == null || condition.test(value == null ? null : TextNode.valueOf(value));
  }
}
