package io.sparkrelay.submitter.submission;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The request cannot be turned into a SparkApplication; answered with 400 and the errors. */
public class InvalidRequestException extends RuntimeException {

  /** The rule a spark-refused event names for an invalid request. */
  public static final String RULE = "invalid-request";

  private final transient List<FieldError> errors;
  private final transient WorkflowRun run;

  /** The body told no valid run id and workflow (not JSON, no object, ...). */
  public InvalidRequestException(List<FieldError> errors) {
    this(errors, null);
  }

  /**
   * @param run the run and Workflow the request speaks for, null when they are missing or invalid
   */
  public InvalidRequestException(List<FieldError> errors, WorkflowRun run) {
    super(errors.toString(), null, false, false);
    this.errors = List.copyOf(errors);
    this.run = run;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** Whose request it was, when the body told that much. */
  public Optional<WorkflowRun> run() {
    return Optional.ofNullable(run);
  }

  /** Every error in one line: {@code <field>: <message>; <field>: <message>}. */
  public String reason() {
    return errors.stream()
        .map(error -> error.field() + ": " + error.message())
        .collect(Collectors.joining("; "));
  }
}
