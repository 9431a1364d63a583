package io.sparkrelay.submitter.submission;

/** The namespace's applications cannot be counted yet (informer not synced): try again later. */
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
}
