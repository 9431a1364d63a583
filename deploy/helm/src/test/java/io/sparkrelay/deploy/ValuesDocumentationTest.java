package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every value in values.yaml is documented with a `# --` comment (the helm-docs convention the
 * chart README's table follows). A documented key covers everything below it; an undocumented key
 * is fine only as a plain parent whose own children are each documented.
 */
class ValuesDocumentationTest {

  private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):(.*)$");

  private record Line(
      int number, int indent, String key, boolean hasInlineValue, boolean documented) {}

  @Test
  void everyValueHasADocComment() throws IOException {
    List<Line> keys = keyLines(Files.readAllLines(Project.chartDir().resolve("values.yaml")));
    List<String> undocumented = new ArrayList<>();

    int coveredBelowIndent = -1;
    for (int i = 0; i < keys.size(); i++) {
      Line line = keys.get(i);
      if (coveredBelowIndent >= 0 && line.indent() > coveredBelowIndent) {
        continue;
      }
      coveredBelowIndent = -1;
      if (line.documented()) {
        coveredBelowIndent = line.indent();
        continue;
      }
      boolean isParent =
          !line.hasInlineValue() && i + 1 < keys.size() && keys.get(i + 1).indent() > line.indent();
      if (!isParent) {
        undocumented.add("line " + line.number() + ": " + line.key());
      }
    }

    assertThat(keys).hasSizeGreaterThan(50);
    assertThat(undocumented).as("values without a `# --` comment").isEmpty();
  }

  /** Mapping keys at the start of a line (list items and block scalars are inside some value). */
  private static List<Line> keyLines(List<String> text) {
    List<Line> keys = new ArrayList<>();
    boolean docPending = false;
    for (int n = 0; n < text.size(); n++) {
      String raw = text.get(n);
      String trimmed = raw.strip();
      if (trimmed.startsWith("# --")) {
        docPending = true;
        continue;
      }
      if (trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.isEmpty()) {
        docPending = false;
        continue;
      }
      Matcher key = KEY.matcher(raw);
      if (key.matches()) {
        String rest = key.group(3).strip();
        keys.add(new Line(n + 1, key.group(1).length(), key.group(2), !rest.isEmpty(), docPending));
      }
      docPending = false;
    }
    return keys;
  }
}
