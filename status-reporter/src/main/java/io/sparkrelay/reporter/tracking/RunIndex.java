package io.sparkrelay.reporter.tracking;

import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Summaries of all stored runs, fed by a watch on the bucket, so every replica lists the same runs
 * without reading the whole bucket per request. They are kept sorted newest first, so a page is
 * read off the front instead of sorting every run per request. Full states are read from the bucket
 * on demand.
 */
@ApplicationScoped
public class RunIndex {

  private static final Comparator<RunSummary> NEWEST_FIRST =
      Comparator.comparing(RunSummary::firstSeen).reversed().thenComparing(RunSummary::runId);

  private final Map<String, RunSummary> runs = new ConcurrentHashMap<>();
  private final NavigableSet<RunSummary> newestFirst = new ConcurrentSkipListSet<>(NEWEST_FIRST);
  // the same runs by state, so a page of one state is read off its own front
  private final Map<String, NavigableSet<RunSummary>> byState = new ConcurrentHashMap<>();
  private final Map<String, Integer> countByState = new ConcurrentHashMap<>();
  private final Map<String, Instant> storedAt = new ConcurrentHashMap<>();
  private final List<Consumer<RunSummary>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean replayed;

  /** Takes a run stored now. */
  public void accept(RunState run) {
    accept(run, Instant.now());
  }

  /**
   * Takes a run from the bucket watch, stored at {@code stored}; listeners hear of every summary
   * that changed.
   */
  public void accept(RunState run, Instant stored) {
    RunSummary summary = RunSummary.of(run);
    RunSummary before;
    synchronized (this) {
      storedAt.put(run.runId(), stored);
      before = runs.put(run.runId(), summary);
      if (summary.equals(before)) {
        return;
      }
      if (before != null) {
        newestFirst.remove(before);
        ofState(before.state()).remove(before);
        countByState.merge(before.state(), -1, Integer::sum);
      }
      newestFirst.add(summary);
      ofState(summary.state()).add(summary);
      countByState.merge(summary.state(), 1, Integer::sum);
    }
    listeners.forEach(listener -> listener.accept(summary));
  }

  /** The bucket's runs have all been read once since the start: lists are complete from now on. */
  public void markReplayed() {
    replayed = true;
  }

  public boolean replayed() {
    return replayed;
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
    for (RunSummary run : newestFirst) {
      if (run.firstSeen() == null || run.firstSeen().isBefore(since)) {
        break; // newest first: every later one is older
      }
      counts.merge(run.state(), 1, Integer::sum);
    }
    return counts;
  }

  /** Runs whose MessageId, Workflow name or SparkApplication name is {@code text}. */
  public static Predicate<RunSummary> named(String text) {
    return run -> run.isNamed(text);
  }

  /** Drops the runs last stored before {@code cutoff}; how many. */
  public synchronized int dropStoredBefore(Instant cutoff) {
    int dropped = 0;
    for (var entry : storedAt.entrySet()) {
      if (entry.getValue().isBefore(cutoff)) {
        RunSummary gone = runs.remove(entry.getKey());
        storedAt.remove(entry.getKey());
        if (gone != null) {
          newestFirst.remove(gone);
          ofState(gone.state()).remove(gone);
          countByState.merge(gone.state(), -1, Integer::sum);
          dropped++;
        }
      }
    }
    return dropped;
  }

  public synchronized void clear() {
    storedAt.clear();
    runs.clear();
    newestFirst.clear();
    byState.clear();
    countByState.clear();
  }

  private NavigableSet<RunSummary> ofState(String state) {
    return byState.computeIfAbsent(state, s -> new ConcurrentSkipListSet<>(NEWEST_FIRST));
  }

  /** Runs not ended: those in a stage that is no end state (a counter per state, no pass). */
  public int activeRuns() {
    int active = 0;
    for (Stage stage : Stage.values()) {
      if (!stage.terminal()) {
        active += countByState.getOrDefault(stage.name(), 0);
      }
    }
    return active;
  }

  public int size() {
    return runs.size();
  }

  /** Every run, for a filter that takes them all. */
  public static final Predicate<RunSummary> ALL = run -> true;

  /** Runs matching {@code filter}, newest first, page {@code page} (from 0) of {@code size}. */
  public Page page(Predicate<RunSummary> filter, int page, int size) {
    return page(null, filter, page, size);
  }

  /**
   * Runs in {@code state} (null: any) matching {@code filter}, newest first, page {@code page}
   * (from 0) of {@code size}. Without a further filter neither a page nor its total needs a pass
   * over every run.
   */
  public Page page(String state, Predicate<RunSummary> filter, int page, int size) {
    NavigableSet<RunSummary> candidates =
        state == null ? newestFirst : byState.getOrDefault(state, EMPTY);
    long from = (long) page * size;
    List<RunSummary> items = new ArrayList<>(Math.min(size, 256));
    if (filter == ALL) {
      for (RunSummary run : candidates) {
        if (from > 0) {
          from--;
        } else if (items.size() < size) {
          items.add(run);
        } else {
          break;
        }
      }
      int total = state == null ? runs.size() : countByState.getOrDefault(state, 0);
      return new Page(List.copyOf(items), total);
    }
    int matching = 0;
    for (RunSummary run : candidates) {
      if (!filter.test(run)) {
        continue;
      }
      if (matching >= from && items.size() < size) {
        items.add(run);
      }
      matching++;
    }
    return new Page(List.copyOf(items), matching);
  }

  private static final NavigableSet<RunSummary> EMPTY = new ConcurrentSkipListSet<>(NEWEST_FIRST);

  public record Page(List<RunSummary> items, int total) {}
}
