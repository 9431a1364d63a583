package io.sparkrelay.reporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunStateTest {

  private static final String RUN = "7b1c2f4e-0000-4000-8000-000000000001";
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static Failure failure(
      FailureKind kind, String reason, Origin origin, String source, boolean fatal, int second) {
    return new Failure(kind, reason, reason + " on " + source, origin, source, fatal, at(second));
  }

  /** The facts of a successful run, as the informers and events would deliver them. */
  private static List<RunState> successfulRunFacts() {
    RunState run = RunState.of(RUN);
    return List.of(
        run.reached(Stage.RECEIVED, at(0)).withTrigger("taxi"),
        run.reached(Stage.WORKFLOW_CREATED, at(1))
            .withWorkflow(WorkflowState.named("taxi-abc", "argo")),
        run.reached(Stage.SPARK_SUBMITTED, at(3))
            .withApplication(ApplicationState.named("taxi-abc-spark", "spark-team-a")),
        run.reached(Stage.DRIVER_RUNNING, at(8)),
        run.withExecutor("taxi-abc-spark-exec-1", "RUNNING"),
        run.withExecutor("taxi-abc-spark-exec-1", "COMPLETED"),
        run.withExecutor("taxi-abc-spark-exec-2", "RUNNING"),
        run.reached(Stage.DRIVER_RUNNING, at(20)),
        run.reached(Stage.COMPLETED, at(60)));
  }

  private static RunState fold(List<RunState> facts) {
    RunState state = RunState.of(RUN);
    for (RunState fact : facts) {
      state = state.merge(fact);
    }
    return state;
  }

  @Test
  void aRunThroughEveryStageHasATimelineWithTheTimeSpentInEachStage() {
    RunState state = fold(successfulRunFacts());

    assertThat(state.state()).isEqualTo(Stage.COMPLETED);
    assertThat(state.timeline())
        .extracting(TimelineEntry::stage, TimelineEntry::at, TimelineEntry::duration)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Stage.RECEIVED, at(0), Duration.ofSeconds(1)),
            org.assertj.core.groups.Tuple.tuple(
                Stage.WORKFLOW_CREATED, at(1), Duration.ofSeconds(2)),
            org.assertj.core.groups.Tuple.tuple(
                Stage.SPARK_SUBMITTED, at(3), Duration.ofSeconds(5)),
            org.assertj.core.groups.Tuple.tuple(
                Stage.DRIVER_RUNNING, at(8), Duration.ofSeconds(52)),
            org.assertj.core.groups.Tuple.tuple(Stage.COMPLETED, at(60), null));
    assertThat(state.duration()).contains(Duration.ofSeconds(60));
    assertThat(state.reason()).isEmpty();
    assertThat(state.executorCount()).isEqualTo(2);
    assertThat(state.executorFailures()).isZero();
    assertThat(state.trigger()).isEqualTo("taxi");
  }

  @Test
  void anyOrderAndAnyRepetitionOfTheSameFactsGivesTheSameState() {
    List<RunState> facts = successfulRunFacts();
    RunState expected = fold(facts);
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<RunState> shuffled = new ArrayList<>(facts);
      for (int i = 0; i < 4; i++) {
        shuffled.add(facts.get(random.nextInt(facts.size())));
      }
      Collections.shuffle(shuffled, random);
      assertThat(fold(shuffled)).isEqualTo(expected);
    }
  }

  @Test
  void mergingIsCommutativeAssociativeAndIdempotent() {
    List<RunState> facts = successfulRunFacts();
    RunState a = facts.get(0).merge(facts.get(3));
    RunState b = facts.get(2).merge(facts.get(8));
    RunState c = facts.get(1).merge(facts.get(5));

    assertThat(a.merge(b)).isEqualTo(b.merge(a));
    assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    assertThat(a.merge(a)).isEqualTo(a);
  }

  @Test
  void theStateNeverMovesBack() {
    RunState running = RunState.of(RUN).reached(Stage.DRIVER_RUNNING, at(8));

    RunState later = running.reached(Stage.WORKFLOW_CREATED, at(1));

    assertThat(later.state()).isEqualTo(Stage.DRIVER_RUNNING);
    assertThat(later.stages()).containsKeys(Stage.WORKFLOW_CREATED, Stage.DRIVER_RUNNING);
  }

  @Test
  void theEarliestTimeSeenForAStageIsKept() {
    RunState run =
        RunState.of(RUN)
            .reached(Stage.DRIVER_RUNNING, at(30))
            .reached(Stage.DRIVER_RUNNING, at(10))
            .reached(Stage.DRIVER_RUNNING, at(20));

    assertThat(run.stages()).containsEntry(Stage.DRIVER_RUNNING, at(10));
  }

  @Test
  void anEndStateIsFinalForLaterNonFinalFacts() {
    RunState completed = RunState.of(RUN).reached(Stage.COMPLETED, at(60));

    RunState after =
        completed.reached(Stage.DRIVER_RUNNING, at(8)).reached(Stage.SPARK_SUBMITTED, at(3));

    assertThat(after.state()).isEqualTo(Stage.COMPLETED);
    assertThat(after.ended()).isTrue();
  }

  @Test
  void whenBothEndStatesAreSeenTheOneThatHappenedFirstWinsWhateverTheOrder() {
    RunState completion = RunState.of(RUN).reached(Stage.COMPLETED, at(60));
    RunState laterWorkflowFailure =
        RunState.of(RUN)
            .withFailure(
                failure(
                    FailureKind.WORKFLOW_FAILED,
                    "WorkflowFailed",
                    Origin.WORKFLOW,
                    "workflow/argo/taxi-abc",
                    true,
                    90));

    assertThat(completion.merge(laterWorkflowFailure).state()).isEqualTo(Stage.COMPLETED);
    assertThat(laterWorkflowFailure.merge(completion).state()).isEqualTo(Stage.COMPLETED);
    assertThat(completion.merge(laterWorkflowFailure).reason()).isEmpty();
    assertThat(completion.merge(laterWorkflowFailure).timeline())
        .extracting(TimelineEntry::stage)
        .containsExactly(Stage.COMPLETED);

    RunState sameSecond = RunState.of(RUN).reached(Stage.COMPLETED, at(90));
    assertThat(sameSecond.merge(laterWorkflowFailure).state()).isEqualTo(Stage.FAILED);
  }

  @Test
  void theMostTellingFailureIsTheReasonAnExecutorOomBeatsTheDriverExitCode() {
    RunState run =
        RunState.of(RUN)
            .reached(Stage.DRIVER_RUNNING, at(8))
            .withFailure(
                failure(
                    FailureKind.OOM_KILLED,
                    "OOMKilled",
                    Origin.EXECUTOR,
                    "pod/spark/exec-2",
                    false,
                    30))
            .withExecutor("exec-2", RunState.EXECUTOR_FAILED)
            .withExecutor("exec-1", "RUNNING");

    assertThat(run.state()).isEqualTo(Stage.DRIVER_RUNNING);
    assertThat(run.reason()).as("an executor loss alone does not end the run").isEmpty();

    RunState failed =
        run.withFailure(
                failure(
                    FailureKind.EXIT_CODE,
                    "exit code 1",
                    Origin.DRIVER,
                    "pod/spark/driver",
                    true,
                    40))
            .withFailure(
                failure(
                    FailureKind.APPLICATION_FAILED,
                    "SparkApplicationFailed",
                    Origin.APPLICATION,
                    "sparkapplication/spark/app",
                    true,
                    41));

    assertThat(failed.state()).isEqualTo(Stage.FAILED);
    assertThat(failed.stages()).containsEntry(Stage.FAILED, at(40));
    assertThat(failed.reason()).map(Failure::reason).contains("OOMKilled");
    assertThat(failed.executorCount()).isEqualTo(2);
    assertThat(failed.executorFailures()).isEqualTo(1);
  }

  @Test
  void aSubmissionFailureIsAReasonButNotAnEndUntilTheApplicationFails() {
    RunState submissionFailed =
        RunState.of(RUN)
            .reached(Stage.SPARK_SUBMITTED, at(3))
            .withFailure(
                failure(
                    FailureKind.SUBMISSION_FAILED,
                    "SubmissionFailed",
                    Origin.APPLICATION,
                    "sparkapplication/spark/app",
                    false,
                    4));
    assertThat(submissionFailed.state()).isEqualTo(Stage.SPARK_SUBMITTED);

    RunState failed =
        submissionFailed.withFailure(
            failure(
                FailureKind.APPLICATION_FAILED,
                "SparkApplicationFailed",
                Origin.APPLICATION,
                "sparkapplication/spark/app",
                true,
                5));

    assertThat(failed.state()).isEqualTo(Stage.FAILED);
    assertThat(failed.reason()).map(Failure::reason).contains("SubmissionFailed");
  }

  @Test
  void theAnnouncedEndStateIsRememberedThroughMerges() {
    RunState announced =
        RunState.of(RUN).reached(Stage.COMPLETED, at(60)).withAnnounced(Stage.COMPLETED);

    assertThat(RunState.of(RUN).merge(announced).announced()).isEqualTo(Stage.COMPLETED);
    assertThat(announced.merge(RunState.of(RUN)).announced()).isEqualTo(Stage.COMPLETED);
  }

  @Test
  void podAndPhaseStatesOnlyMoveForward() {
    PodState pending =
        new PodState("d", "ns", "driver", "Pending", "waiting: ContainerCreating", null, null);
    PodState running = new PodState("d", "ns", "driver", "Running", "running", at(8), null);
    PodState done =
        new PodState(
            "d", "ns", "driver", "Succeeded", "terminated: Completed (exit code 0)", at(8), at(60));

    RunState forward = RunState.of(RUN).withPod(pending).withPod(running).withPod(done);
    RunState backward = RunState.of(RUN).withPod(done).withPod(running).withPod(pending);

    assertThat(forward).isEqualTo(backward);
    assertThat(forward.pods().get("d").phase()).isEqualTo("Succeeded");
  }

  private static DeadLetter deadLetter(String service, String cause, int second) {
    return new DeadLetter(service, cause, cause + " reason", "{}", 2L, false, at(second), 7L);
  }

  @Test
  void aDeadLetterEndsTheRunWithTheServicesReasonWhateverTheOrder() {
    RunState received = RunState.of(RUN).reached(Stage.RECEIVED, at(0));
    RunState dead =
        RunState.of(RUN)
            .withDeadLetter(deadLetter("workflow-launcher", "invalid-parameter", 1), false);

    RunState forward = received.merge(dead);
    RunState backward = dead.merge(received);

    assertThat(forward).isEqualTo(backward);
    assertThat(forward.state()).isEqualTo(Stage.DEAD_LETTERED);
    assertThat(forward.reason().orElseThrow().reason()).isEqualTo("invalid-parameter");
    assertThat(forward.reason().orElseThrow().message()).isEqualTo("invalid-parameter reason");
    assertThat(forward.deadLetter().service()).isEqualTo("workflow-launcher");
    assertThat(forward.duration()).contains(Duration.ofSeconds(1));
  }

  @Test
  void aRunThatCompletedStaysCompletedWhenAReplayIsLaterRefusedAsTooOld() {
    RunState state =
        fold(successfulRunFacts())
            .merge(
                RunState.of(RUN)
                    .withDeadLetter(deadLetter("workflow-launcher", "too-old", 3600), true));

    assertThat(state.state()).isEqualTo(Stage.COMPLETED);
    assertThat(state.reason()).isEmpty();
    assertThat(state.deadLetter().cause()).isEqualTo("too-old");
  }

  @Test
  void aRefusalBeforeTheWorkflowFailedIsTheOutcomeAndItsRuleTheReason() {
    RunState refused =
        RunState.of(RUN)
            .withFailure(
                new Failure(
                    FailureKind.REFUSED_BY_SUBMITTER,
                    "max-executors",
                    "executors 50 is over the limit of 10",
                    Origin.SERVICE,
                    "service/spark-submitter",
                    false,
                    at(2)))
            .reached(Stage.REFUSED, at(2));
    RunState workflowFailed =
        RunState.of(RUN)
            .withFailure(
                failure(FailureKind.WORKFLOW_FAILED, "Failed", Origin.WORKFLOW, "wf/x", true, 5));

    RunState state = workflowFailed.merge(refused);

    assertThat(state).isEqualTo(refused.merge(workflowFailed));
    assertThat(state.state()).isEqualTo(Stage.REFUSED);
    assertThat(state.reason().orElseThrow().reason()).isEqualTo("max-executors");
    assertThat(state.timeline()).extracting(TimelineEntry::stage).containsExactly(Stage.REFUSED);
  }

  @Test
  void aRefusalBeatsTheWorkflowsFailureEvenWhenThatSeemsToComeFirst() {
    // Kubernetes keeps the Workflow's finishedAt to the second: 10:00:02 for a failure at 02.900
    RunState refused =
        RunState.of(RUN)
            .withFailure(
                new Failure(
                    FailureKind.REFUSED_BY_SUBMITTER,
                    "max-executors",
                    "50 executors asked, at most 10 allowed",
                    Origin.SERVICE,
                    "service/spark-submitter",
                    false,
                    at(2).plusMillis(700)))
            .reached(Stage.REFUSED, at(2).plusMillis(700));
    RunState workflowFailed =
        RunState.of(RUN)
            .withFailure(
                failure(FailureKind.WORKFLOW_FAILED, "Failed", Origin.WORKFLOW, "wf/x", true, 2));

    assertThat(refused.merge(workflowFailed).state()).isEqualTo(Stage.REFUSED);
    assertThat(workflowFailed.merge(refused).reason().orElseThrow().reason())
        .isEqualTo("max-executors");
  }

  @Test
  void aFailedRunIsNeverExplainedByAServicesVerdictThatCameLater() {
    RunState state =
        RunState.of(RUN)
            .withFailure(
                failure(FailureKind.EXIT_CODE, "exit code 1", Origin.DRIVER, "pod/d", true, 5))
            .merge(
                RunState.of(RUN)
                    .withDeadLetter(deadLetter("workflow-launcher", "too-old", 60), true));

    assertThat(state.state()).isEqualTo(Stage.FAILED);
    assertThat(state.reason().orElseThrow().reason()).isEqualTo("exit code 1");
  }

  @Test
  void twoEndStatesAtTheSameInstantResolveToTheOneThatExplainsMore() {
    RunState a = RunState.of(RUN).reached(Stage.COMPLETED, at(5));
    RunState b =
        RunState.of(RUN).withDeadLetter(deadLetter("workflow-launcher", "gave-up", 5), false);

    assertThat(a.merge(b).state()).isEqualTo(Stage.DEAD_LETTERED);
    assertThat(b.merge(a).state()).isEqualTo(Stage.DEAD_LETTERED);
  }

  @Test
  void aBodyLongerThanTheLimitIsCutAndMarked() {
    DeadLetter letter =
        new DeadLetter(
            "sqs-bridge", "payload-too-large", "r", "x".repeat(5000), 5000L, false, at(1), null);

    assertThat(letter.body()).hasSize(DeadLetter.MAX_BODY);
    assertThat(letter.bodyTruncated()).isTrue();
  }

  @Test
  void aRedrivenDeadLetterRunsAgainAndEndsWhereItsSecondAttemptEnds() {
    RunState deadLettered =
        RunState.of(RUN)
            .reached(Stage.RECEIVED, at(0))
            .withDeadLetter(deadLetter("workflow-launcher", "invalid-parameter", 1), false)
            .withAnnounced(Stage.DEAD_LETTERED);
    assertThat(deadLettered.announcedThisAttempt()).isTrue();

    RunState redriven = deadLettered.withRedrive(new Redrive("k-1", "platform-team", at(60)));
    assertThat(redriven.ended()).isFalse();
    assertThat(redriven.state()).isEqualTo(Stage.RECEIVED);
    assertThat(redriven.attempt()).isEqualTo(1);
    assertThat(redriven.announcedThisAttempt()).isFalse();

    RunState completed =
        redriven
            .reached(Stage.WORKFLOW_CREATED, at(61))
            .reached(Stage.SPARK_SUBMITTED, at(63))
            .reached(Stage.DRIVER_RUNNING, at(65))
            .reached(Stage.COMPLETED, at(70));
    assertThat(completed.outcome()).contains(Stage.COMPLETED);
    assertThat(completed.reason()).isEmpty();
    assertThat(completed.timeline())
        .extracting(TimelineEntry::stage)
        .containsExactly(
            Stage.RECEIVED,
            Stage.WORKFLOW_CREATED,
            Stage.SPARK_SUBMITTED,
            Stage.DRIVER_RUNNING,
            Stage.COMPLETED);
    assertThat(completed.withAnnounced(Stage.COMPLETED).announcedThisAttempt()).isTrue();
  }

  @Test
  void aRedriveDeadLetteredAgainEndsDeadLetteredAtItsSecondTime() {
    RunState again =
        RunState.of(RUN)
            .reached(Stage.RECEIVED, at(0))
            .withDeadLetter(deadLetter("workflow-launcher", "invalid-parameter", 1), false)
            .withRedrive(new Redrive("k-1", "platform-team", at(60)))
            .withDeadLetter(deadLetter("workflow-launcher", "invalid-parameter", 61), false);
    assertThat(again.outcome()).contains(Stage.DEAD_LETTERED);
    assertThat(again.timeOf(Stage.DEAD_LETTERED)).isEqualTo(at(61));
    assertThat(again.reason().orElseThrow().reason()).isEqualTo("invalid-parameter");
  }

  @Test
  void redrivesMergeInAnyOrderToTheSameState() {
    List<RunState> facts =
        List.of(
            RunState.of(RUN).reached(Stage.RECEIVED, at(0)),
            RunState.of(RUN)
                .withDeadLetter(deadLetter("workflow-launcher", "invalid-parameter", 1), false),
            RunState.of(RUN).withAnnounced(Stage.DEAD_LETTERED),
            RunState.of(RUN).withRedrive(new Redrive("k-1", "platform-team", at(60))),
            RunState.of(RUN).withRedrive(new Redrive("k-1", "platform-team", at(62))),
            RunState.of(RUN).reached(Stage.WORKFLOW_CREATED, at(61)),
            RunState.of(RUN).reached(Stage.COMPLETED, at(70)));
    RunState inOrder = facts.stream().reduce(RunState.of(RUN), RunState::merge);
    List<RunState> shuffled = new ArrayList<>(facts);
    for (long seed = 1; seed <= 20; seed++) {
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(shuffled.stream().reduce(RunState.of(RUN), RunState::merge)).isEqualTo(inOrder);
    }
    assertThat(inOrder.outcome()).contains(Stage.COMPLETED);
    assertThat(inOrder.redrives().get("k-1").at()).isEqualTo(at(60));
  }
}
