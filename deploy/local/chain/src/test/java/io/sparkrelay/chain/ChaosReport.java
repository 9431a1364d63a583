package io.sparkrelay.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table the chaos test prints: one row per fault. */
final class ChaosReport {

  private final List<String> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  synchronized void row(
      String fault,
      int messages,
      int workflows,
      int duplicates,
      int lost,
      int deadLetters,
      Duration recovery) {
    rows.add(
        String.format(
            Locale.ROOT,
            "| %-52s | %8d | %9d | %10d | %4d | %12d | %14.1f |",
            fault,
            messages,
            workflows,
            duplicates,
            lost,
            deadLetters,
            recovery.toMillis() / 1000.0));
  }

  synchronized void note(String note) {
    notes.add(note);
  }

  synchronized String table() {
    StringBuilder out = new StringBuilder("\nChaos on the local chain\n");
    out.append(
        String.format(
            Locale.ROOT,
            "| %-52s | %8s | %9s | %10s | %4s | %12s | %14s |%n",
            "fault",
            "messages",
            "workflows",
            "duplicates",
            "lost",
            "dead letters",
            "to recover (s)"));
    out.append("|")
        .append("-".repeat(54))
        .append("|----------|-----------|------------|------|")
        .append("--------------|----------------|\n");
    rows.forEach(row -> out.append(row).append('\n'));
    notes.forEach(note -> out.append("  ").append(note).append('\n'));
    return out.toString();
  }
}
