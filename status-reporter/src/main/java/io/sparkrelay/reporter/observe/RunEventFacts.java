package io.sparkrelay.reporter.observe;

import io.cloudevents.CloudEvent;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.events.SparkRefused;
import io.sparkrelay.contract.events.SparkSubmitted;
import io.sparkrelay.contract.events.Unmatched;
import io.sparkrelay.contract.events.WorkflowCreated;
import io.sparkrelay.reporter.ApplicationState;
import io.sparkrelay.reporter.Failure;
import io.sparkrelay.reporter.FailureKind;
import io.sparkrelay.reporter.Origin;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.WorkflowState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the launcher's and the submitter's run events tell: the time the original message was
 * received, the trigger, the names of the Workflow and the SparkApplication ({@code
 * relay.runs.workflow-created}, {@code relay.runs.spark-submitted}); that no rule matched the
 * message ({@code relay.runs.unmatched}); that the submitter refused the Workflow's request, and by
 * which rule ({@code relay.runs.spark-refused}). Each is read as the contract's record.
 */
public final class RunEventFacts {

  /** The label a refusal is counted under when its rule is not a plain rule id. */
  static final String OTHER = "other";

  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private RunEventFacts() {}

  /**
   * @param subject the subject the event came on
   * @param eventTime the CloudEvent's own time (when the launcher or submitter did its work)
   * @param event the event
   * @throws IllegalArgumentException when its data is not the subject's record
   */
  public static Optional<RunState> from(String subject, Instant eventTime, CloudEvent event) {
    return switch (subject) {
      case Subjects.WORKFLOW_CREATED ->
          workflowCreated(EventCodec.data(event, WorkflowCreated.class), eventTime);
      case Subjects.SPARK_SUBMITTED ->
          sparkSubmitted(EventCodec.data(event, SparkSubmitted.class), eventTime);
      case Subjects.UNMATCHED -> unmatched(EventCodec.data(event, Unmatched.class), eventTime);
      case Subjects.SPARK_REFUSED ->
          sparkRefused(EventCodec.data(event, SparkRefused.class), eventTime);
      default -> Optional.empty();
    };
  }

  private static Optional<RunState> workflowCreated(WorkflowCreated data, Instant eventTime) {
    return run(data.runId(), data.workflow())
        .map(
            run ->
                run.withTrigger(WorkflowFacts.blankToNull(data.trigger()))
                    .reached(Stage.RECEIVED, Fields.time(data.eventTime()))
                    .reached(Stage.WORKFLOW_CREATED, eventTime));
  }

  private static Optional<RunState> sparkSubmitted(SparkSubmitted data, Instant eventTime) {
    return run(data.runId(), data.workflow())
        .map(
            run -> {
              ObjectRef application = data.application();
              if (application != null && !blank(application.name())) {
                run =
                    run.withApplication(
                        ApplicationState.named(
                            application.name(),
                            WorkflowFacts.blankToNull(application.namespace())));
              }
              return run.reached(Stage.SPARK_SUBMITTED, eventTime);
            });
  }

  private static Optional<RunState> unmatched(Unmatched data, Instant eventTime) {
    if (eventTime == null) {
      return Optional.empty();
    }
    return run(data.runId(), null)
        .map(
            run ->
                run.reached(Stage.RECEIVED, Fields.time(data.eventTime()))
                    .withFailure(
                        new Failure(
                            FailureKind.NO_MATCHING_RULE,
                            "no-matching-rule",
                            Texts.bounded(
                                Objects.requireNonNullElse(
                                    data.reason(), "no trigger rule matched")),
                            Origin.SERVICE,
                            "service/" + Services.WORKFLOW_LAUNCHER,
                            false,
                            eventTime))
                    .reached(Stage.FILTERED, eventTime));
  }

  private static Optional<RunState> sparkRefused(SparkRefused data, Instant eventTime) {
    if (eventTime == null) {
      return Optional.empty();
    }
    String rule = Objects.requireNonNullElse(data.rule(), "");
    return run(data.runId(), data.workflow())
        .map(
            run ->
                run.withFailure(
                        new Failure(
                            FailureKind.REFUSED_BY_SUBMITTER,
                            RULE_ID.matcher(rule).matches() ? rule : OTHER,
                            Texts.bounded(Objects.requireNonNullElse(data.reason(), "refused")),
                            Origin.SERVICE,
                            "service/" + Services.SPARK_SUBMITTER,
                            false,
                            eventTime))
                    .reached(Stage.REFUSED, eventTime));
  }

  /** The run the event is about, with its Workflow when it names one; empty without a run id. */
  private static Optional<RunState> run(String runId, ObjectRef workflow) {
    if (blank(runId)) {
      return Optional.empty();
    }
    RunState run = RunState.of(runId);
    if (workflow != null && !blank(workflow.name())) {
      run =
          run.withWorkflow(
              WorkflowState.named(
                  workflow.name(), WorkflowFacts.blankToNull(workflow.namespace())));
    }
    return Optional.of(run);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
