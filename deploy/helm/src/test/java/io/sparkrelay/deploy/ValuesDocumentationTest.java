package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
      int number,
      int indent,
      String key,
      String path,
      boolean hasInlineValue,
      boolean documented) {}

  @Test
  void everyValueHasADocComment() throws IOException {
    List<String> undocumented = new ArrayList<>();
    List<Line> documented = documentedValues(undocumented);

    assertThat(documented).hasSizeGreaterThan(50);
    assertThat(undocumented).as("values without a `# --` comment").isEmpty();
  }

  @Test
  void theChartReadmeListsEveryDocumentedValue() throws IOException {
    String readme = Files.readString(Project.chartDir().resolve("README.md"));

    List<String> missing =
        documentedValues(new ArrayList<>()).stream()
            .map(Line::path)
            .filter(path -> !readme.contains("| `" + path + "` |"))
            .toList();

    assertThat(missing)
        .as("values missing from the README table (python3 deploy/helm/values-table.py)")
        .isEmpty();
  }

  /** The keys with a `# --` comment, in file order; undocumented leaves are added to the list. */
  private static List<Line> documentedValues(List<String> undocumented) throws IOException {
    List<Line> keys = keyLines(Files.readAllLines(Project.chartDir().resolve("values.yaml")));
    List<Line> documented = new ArrayList<>();

    int coveredBelowIndent = -1;
    for (int i = 0; i < keys.size(); i++) {
      Line line = keys.get(i);
      if (coveredBelowIndent >= 0 && line.indent() > coveredBelowIndent) {
        continue;
      }
      coveredBelowIndent = -1;
      if (line.documented()) {
        coveredBelowIndent = line.indent();
        documented.add(line);
        continue;
      }
      boolean isParent =
          !line.hasInlineValue() && i + 1 < keys.size() && keys.get(i + 1).indent() > line.indent();
      if (!isParent) {
        undocumented.add("line " + line.number() + ": " + line.key());
      }
    }

    return documented;
  }

  /** Mapping keys at the start of a line (list items and block scalars are inside some value). */
  private static List<Line> keyLines(List<String> text) {
    List<Line> keys = new ArrayList<>();
    Deque<Line> parents = new ArrayDeque<>();
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
        int indent = key.group(1).length();
        while (!parents.isEmpty() && parents.peek().indent() >= indent) {
          parents.pop();
        }
        String path = parents.isEmpty() ? key.group(2) : parents.peek().path() + "." + key.group(2);
        Line line = new Line(n + 1, indent, key.group(2), path, !rest.isEmpty(), docPending);
        parents.push(line);
        keys.add(line);
      }
      docPending = false;
    }
    return keys;
  }
}
