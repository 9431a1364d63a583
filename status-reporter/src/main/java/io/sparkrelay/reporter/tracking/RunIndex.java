package io.sparkrelay.reporter.tracking;

import io.sparkrelay.reporter.RunState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Summaries of all stored runs, fed by a watch on the bucket, so every replica lists the same runs
 * without reading the whole bucket per request. Full states are read from the bucket on demand.
 */
@ApplicationScoped
public class RunIndex {

  private static final Comparator<RunSummary> NEWEST_FIRST =
      Comparator.comparing(RunSummary::firstSeen).reversed().thenComparing(RunSummary::runId);

  private final Map<String, RunSummary> runs = new ConcurrentHashMap<>();

  /** Takes a run from the bucket watch. */
  public void accept(RunState run) {
    runs.put(run.runId(), RunSummary.of(run));
  }

  public void clear() {
    runs.clear();
  }

  public int activeRuns() {
    return (int) runs.values().stream().filter(r -> !r.ended()).count();
  }

  public int size() {
    return runs.size();
  }

  /** Runs matching {@code filter}, newest first, page {@code page} (from 0) of {@code size}. */
  public Page page(Predicate<RunSummary> filter, int page, int size) {
    List<RunSummary> matching = runs.values().stream().filter(filter).sorted(NEWEST_FIRST).toList();
    int from = (int) Math.min((long) page * size, matching.size());
    int to = Math.min(from + size, matching.size());
    return new Page(matching.subList(from, to), matching.size());
  }

  public record Page(List<RunSummary> items, int total) {}
}
