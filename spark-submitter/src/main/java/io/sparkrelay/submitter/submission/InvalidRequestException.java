package io.sparkrelay.submitter.submission;

import java.util.List;

/** The request cannot be turned into a SparkApplication; answered with 400 and the errors. */
public class InvalidRequestException extends RuntimeException {

  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.toString(), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
