package io.sparkrelay.submitter.submission;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.submitter.policy.PolicyViolation;
import java.time.Duration;

/** How a submission ended. */
public sealed interface SubmissionResult {

  /** A new SparkApplication. */
  record Created(GenericKubernetesResource application) implements SubmissionResult {}

  /** The application of this run already existed (a retried step). */
  record Existing(GenericKubernetesResource application) implements SubmissionResult {}

  /**
   * The name is taken by an application this request would not create: another run's, or this run's
   * with another spec. {@code reason} completes "SparkApplication namespace/name ...".
   */
  record Conflict(String namespace, String name, String reason) implements SubmissionResult {}

  /** The policy refused. */
  record Refused(PolicyViolation violation) implements SubmissionResult {}

  /** The namespace is at its admission limit. */
  record Throttled(String namespace, int limit, Duration retryAfter) implements SubmissionResult {}
}
