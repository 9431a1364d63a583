package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known of one run, and at the same time one observation of it: a fact from a Workflow,
 * a SparkApplication, a pod or a {@code relay.runs.*} event is a small {@code RunState} that is
 * {@link #merge merged} into the stored one. Merging is commutative, associative and idempotent, so
 * the result is the same whatever the order and however often facts arrive; every stage keeps the
 * earliest time seen for it and the state only moves forward.
 *
 * <p>When several end states have been seen, the one that happened first wins (on a tie, the one
 * that explains more, see {@link Stage#tieRank}): the run ended there, and what the other objects
 * did afterwards is still visible in their own states.
 *
 * @param stages time each stage was reached, earliest seen
 * @param failures every failure seen, by object and reason
 * @param executors executor pod name to its furthest state (PENDING, RUNNING, COMPLETED, FAILED)
 * @param announced the end state already published on {@code relay.runs.*}, or null
 * @param endSeenAt when a reporter first saw the run ended; the end is announced a little later, so
 *     that facts still on their way (an executor's OOMKilled behind the driver's exit) make the
 *     reason
 * @param deadLetter the dead letter a service made of the message, if any
 * @param lastReached time each stage was reached, latest seen: after a redrive the run's end is the
 *     first end state reached (again) since then
 * @param redrives every redrive of the run's dead letter, by request key; each starts an attempt
 * @param announcedAttempt the attempt {@code announced} belongs to (0 or null: the first)
 */
@RegisterForReflection
public record RunState(
    String runId,
    String trigger,
    WorkflowState workflow,
    ApplicationState application,
    Map<Stage, Instant> stages,
    Map<String, Failure> failures,
    Map<String, PodState> pods,
    Map<String, String> executors,
    Stage announced,
    Instant endSeenAt,
    DeadLetter deadLetter,
    Map<Stage, Instant> lastReached,
    Map<String, Redrive> redrives,
    Integer announcedAttempt) {

  public static final String EXECUTOR_FAILED = "FAILED";

  public RunState {
    Objects.requireNonNull(runId, "runId");
    stages = stages == null ? Map.of() : Collections.unmodifiableMap(sortedStages(stages));
    failures = failures == null ? Map.of() : Merging.sorted(failures);
    pods = pods == null ? Map.of() : Merging.sorted(pods);
    executors = executors == null ? Map.of() : Merging.sorted(executors);
    lastReached =
        lastReached == null ? Map.of() : Collections.unmodifiableMap(sortedStages(lastReached));
    redrives = redrives == null ? Map.of() : Merging.sorted(redrives);
  }

  /** A run with no facts yet. */
  public static RunState of(String runId) {
    return new RunState(
        runId, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  // ---- building observations ---------------------------------------------------------------

  public RunState withTrigger(String value) {
    return merge(
        new RunState(
            runId, value, null, null, null, null, null, null, null, null, null, null, null, null));
  }

  /** {@code stage} reached at {@code at}; a null time is ignored. */
  public RunState reached(Stage stage, Instant at) {
    if (at == null) {
      return this;
    }
    return merge(
        new RunState(
            runId,
            null,
            null,
            null,
            Map.of(stage, at),
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of(stage, at),
            null,
            null));
  }

  /** A failure; a fatal one also marks the run FAILED at its time. */
  public RunState withFailure(Failure failure) {
    RunState fragment =
        new RunState(
            runId,
            null,
            null,
            null,
            null,
            Map.of(failure.key(), failure),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    RunState merged = merge(fragment);
    return failure.fatal() ? merged.reached(Stage.FAILED, failure.at()) : merged;
  }

  public RunState withWorkflow(WorkflowState value) {
    return merge(
        new RunState(
            runId, null, value, null, null, null, null, null, null, null, null, null, null, null));
  }

  public RunState withApplication(ApplicationState value) {
    return merge(
        new RunState(
            runId, null, null, value, null, null, null, null, null, null, null, null, null, null));
  }

  public RunState withPod(PodState value) {
    return merge(
        new RunState(
            runId,
            null,
            null,
            null,
            null,
            null,
            Map.of(value.name(), value),
            null,
            null,
            null,
            null,
            null,
            null,
            null));
  }

  public RunState withExecutor(String podName, String executorState) {
    return merge(
        new RunState(
            runId,
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of(podName, executorState),
            null,
            null,
            null,
            null,
            null,
            null));
  }

  /** A dead letter: the run ends DEAD_LETTERED, or TOO_OLD when {@code tooOld}, at its time. */
  public RunState withDeadLetter(DeadLetter value, boolean tooOld) {
    RunState fragment =
        new RunState(
            runId, null, null, null, null, null, null, null, null, null, value, null, null, null);
    return merge(fragment)
        .withFailure(
            new Failure(
                tooOld ? FailureKind.EVENT_TOO_OLD : FailureKind.DEAD_LETTER,
                value.cause(),
                value.reason(),
                Origin.SERVICE,
                "service/" + value.service(),
                false,
                value.at()))
        .reached(tooOld ? Stage.TOO_OLD : Stage.DEAD_LETTERED, value.at());
  }

  public RunState withEndSeenAt(Instant at) {
    return merge(
        new RunState(
            runId, null, null, null, null, null, null, null, null, at, null, null, null, null));
  }

  /** {@code stage} announced for the current attempt. */
  public RunState withAnnounced(Stage stage) {
    return merge(
        new RunState(
            runId, null, null, null, null, null, null, null, stage, null, null, null, null,
            attempt()));
  }

  /** A redrive of the run's dead letter: a new attempt starts at its time. */
  public RunState withRedrive(Redrive value) {
    return merge(
        new RunState(
            runId,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of(value.key(), value),
            null));
  }

  /** 0 for the first attempt, n after n redrives. */
  public int attempt() {
    return redrives.size();
  }

  /** Whether this attempt's end has been announced already. */
  public boolean announcedThisAttempt() {
    return announced != null && Objects.requireNonNullElse(announcedAttempt, 0) == attempt();
  }

  /** When the current attempt began: the latest redrive, null for the first attempt. */
  private Instant attemptStart() {
    return redrives.values().stream().map(Redrive::at).max(Instant::compareTo).orElse(null);
  }

  /** When {@code stage} counts for the current attempt: its latest time after a redrive. */
  public Instant timeOf(Stage stage) {
    return timeOf(stage, attemptStart());
  }

  private Instant timeOf(Stage stage, Instant since) {
    Instant first = stages.get(stage);
    if (since == null || !stage.terminal()) {
      return first;
    }
    return lastReached.getOrDefault(stage, first);
  }

  // ---- merging ---------------------------------------------------------------------------------

  /** Joins two states of the same run. */
  public RunState merge(RunState other) {
    if (!runId.equals(other.runId)) {
      throw new IllegalArgumentException("runs differ: " + runId + " / " + other.runId);
    }
    Map<Stage, Instant> mergedStages = new EnumMap<>(Stage.class);
    mergedStages.putAll(stages);
    other.stages.forEach((stage, at) -> mergedStages.merge(stage, at, Merging::earliest));
    Map<Stage, Instant> mergedLast = new EnumMap<>(Stage.class);
    mergedLast.putAll(lastReached);
    other.lastReached.forEach(
        (stage, at) -> mergedLast.merge(stage, at, (a, b) -> a.isAfter(b) ? a : b));
    int attemptHere = Objects.requireNonNullElse(announcedAttempt, 0);
    int attemptThere = Objects.requireNonNullElse(other.announcedAttempt, 0);
    Stage mergedAnnounced;
    Integer mergedAnnouncedAttempt;
    if (announced == null || (other.announced != null && attemptThere > attemptHere)) {
      mergedAnnounced = other.announced;
      mergedAnnouncedAttempt = other.announcedAttempt;
    } else if (other.announced == null || attemptHere > attemptThere) {
      mergedAnnounced = announced;
      mergedAnnouncedAttempt = announcedAttempt;
    } else {
      mergedAnnounced = announced.compareTo(other.announced) >= 0 ? announced : other.announced;
      mergedAnnouncedAttempt = announcedAttempt;
    }
    return new RunState(
        runId,
        Merging.firstNonNullMin(trigger, other.trigger),
        workflow == null ? other.workflow : workflow.merge(other.workflow),
        application == null ? other.application : application.merge(other.application),
        mergedStages,
        Merging.union(failures, other.failures, Failure::merge),
        Merging.union(pods, other.pods, PodState::merge),
        Merging.union(executors, other.executors, RunState::furtherExecutorState),
        mergedAnnounced,
        Merging.earliest(endSeenAt, other.endSeenAt),
        deadLetter == null ? other.deadLetter : deadLetter.merge(other.deadLetter),
        mergedLast,
        Merging.union(redrives, other.redrives, Redrive::merge),
        mergedAnnouncedAttempt);
  }

  private static String furtherExecutorState(String a, String b) {
    return Merging.byRank(
        a,
        b,
        s ->
            switch (s) {
              case "PENDING" -> 1;
              case "RUNNING" -> 2;
              case "COMPLETED" -> 3;
              case EXECUTOR_FAILED -> 4;
              default -> 0;
            });
  }

  // ---- what users see ------------------------------------------------------------------------

  /**
   * The end state that won, if the run has ended. A refusal of the submitter beats the Workflow's
   * failure whatever their times: that failure is the refusal's consequence, and the Workflow's
   * times are kept to the second only, so they can seem to come first.
   */
  public Optional<Stage> outcome() {
    Instant since = attemptStart();
    Stage winner = null;
    for (Stage stage : stages.keySet()) {
      if (!stage.terminal() || (since != null && timeOf(stage, since).isBefore(since))) {
        continue; // after a redrive only the ends reached since count
      }
      if (stage == Stage.FAILED
          && stages.containsKey(Stage.REFUSED)
          && (since == null || !timeOf(Stage.REFUSED, since).isBefore(since))) {
        continue;
      }
      if (winner == null) {
        winner = stage;
        continue;
      }
      int byTime = timeOf(stage, since).compareTo(timeOf(winner, since));
      if (byTime < 0 || (byTime == 0 && stage.tieRank() > winner.tieRank())) {
        winner = stage;
      }
    }
    return Optional.ofNullable(winner);
  }

  /** The stage the run is in: its end state, else the furthest stage reached. */
  public Stage state() {
    return outcome()
        .orElseGet(
            () ->
                stages.keySet().stream()
                    .filter(s -> !s.terminal())
                    .max(Enum::compareTo)
                    .orElse(Stage.RECEIVED));
  }

  public boolean ended() {
    return outcome().isPresent();
  }

  /**
   * Why the run did not complete: for FAILED the most telling failure of the run's objects; for an
   * end before any Spark job ran, the service's verdict that put it there. Empty otherwise.
   */
  public Optional<Failure> reason() {
    Stage state = state();
    if (!state.terminal() || state == Stage.COMPLETED) {
      return Optional.empty();
    }
    FailureKind explaining = state.explainedBy();
    return failures.values().stream()
        .filter(f -> explaining == null ? !f.kind().endsBeforeARun() : f.kind() == explaining)
        .min(Failure.MOST_TELLING_FIRST);
  }

  /**
   * The stages reached, in order, each with the time spent in it (until the next stage reached);
   * the losing end state is left out.
   */
  public List<TimelineEntry> timeline() {
    Optional<Stage> outcome = outcome();
    Instant since = attemptStart();
    List<Stage> reached = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      if (stages.containsKey(stage) && (!stage.terminal() || outcome.orElse(null) == stage)) {
        reached.add(stage);
      }
    }
    List<TimelineEntry> entries = new ArrayList<>();
    for (int i = 0; i < reached.size(); i++) {
      Stage stage = reached.get(i);
      Instant at = timeOf(stage, since);
      Duration spent = null;
      if (i + 1 < reached.size()) {
        Duration between = Duration.between(at, timeOf(reached.get(i + 1), since));
        spent = between.isNegative() ? Duration.ZERO : between;
      }
      entries.add(new TimelineEntry(stage, at, spent));
    }
    return entries;
  }

  /** From the first stage seen to the end state; empty while the run goes on. */
  public Optional<Duration> duration() {
    List<TimelineEntry> timeline = timeline();
    if (!ended() || timeline.size() < 2) {
      return Optional.empty();
    }
    Duration total = Duration.between(timeline.getFirst().at(), timeline.getLast().at());
    return Optional.of(total.isNegative() ? Duration.ZERO : total);
  }

  /** The earliest time known for the run, used to list runs newest first. */
  public Instant firstSeen() {
    return stages.values().stream().min(Instant::compareTo).orElse(Instant.EPOCH);
  }

  public int executorCount() {
    return executors.size();
  }

  public int executorFailures() {
    return (int) executors.values().stream().filter(EXECUTOR_FAILED::equals).count();
  }

  private static Map<Stage, Instant> sortedStages(Map<Stage, Instant> stages) {
    Map<Stage, Instant> sorted = new EnumMap<>(Stage.class);
    sorted.putAll(stages);
    return sorted;
  }
}
