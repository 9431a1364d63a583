package io.sparkrelay.submitter.submission;

/**
 * The namespace's applications cannot be counted now: its informer has not synced, or the admission
 * ledger on NATS cannot be reached. Nothing is created unchecked; the caller tries again later.
 */
public class AdmissionUnavailableException extends RuntimeException {
  public AdmissionUnavailableException(String namespace) {
    super(
        "SparkApplications in "
            + namespace
            + " are not counted yet; the Kubernetes API is not"
            + " reachable or still listing",
        null,
        false,
        false);
  }

  public AdmissionUnavailableException(String namespace, RuntimeException ledgerFailure) {
    super(
        "the admission limit of "
            + namespace
            + " cannot be checked across replicas now ("
            + ledgerFailure.getMessage()
            + "); try again later",
        ledgerFailure,
        false,
        false);
  }
}
