package io.sparkrelay.reporter.tracking;

import io.sparkrelay.reporter.RunState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
  private final List<Consumer<RunSummary>> listeners = new CopyOnWriteArrayList<>();

  /** Takes a run from the bucket watch; listeners hear of every summary that changed. */
  public void accept(RunState run) {
    RunSummary summary = RunSummary.of(run);
    RunSummary before = runs.put(run.runId(), summary);
    if (!summary.equals(before)) {
      listeners.forEach(listener -> listener.accept(summary));
    }
  }

  /**
   * Calls {@code listener} with each changed summary, on the bucket watch's thread: keep it short.
   */
  public void listen(Consumer<RunSummary> listener) {
    listeners.add(listener);
  }

  public void unlisten(Consumer<RunSummary> listener) {
    listeners.remove(listener);
  }

  /** Runs per state among those first seen at or after {@code since}, every state named. */
  public Map<String, Integer> countsSince(Instant since) {
    Map<String, Integer> counts = new TreeMap<>();
    runs.values().stream()
        .filter(run -> run.firstSeen() != null && !run.firstSeen().isBefore(since))
        .forEach(run -> counts.merge(run.state(), 1, Integer::sum));
    return counts;
  }

  /** Runs whose MessageId, Workflow name or SparkApplication name is {@code text}. */
  public static Predicate<RunSummary> named(String text) {
    return run -> run.isNamed(text);
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
