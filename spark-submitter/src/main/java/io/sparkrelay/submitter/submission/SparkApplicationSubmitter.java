package io.sparkrelay.submitter.submission;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.submitter.SubmitterMetrics;
import io.sparkrelay.submitter.job.SparkJob;
import io.sparkrelay.submitter.kube.ActiveApplicationIndex;
import io.sparkrelay.submitter.kube.SparkApplicationManifest;
import io.sparkrelay.submitter.kube.SparkApplicationStore;
import io.sparkrelay.submitter.kube.SparkApplicationStore.CreateResult;
import io.sparkrelay.submitter.kube.SparkApplications;
import io.sparkrelay.submitter.kube.SpecDifference;
import io.sparkrelay.submitter.nats.RunEventPublisher;
import io.sparkrelay.submitter.policy.PolicyViolation;
import io.sparkrelay.submitter.policy.SubmissionPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a resolved job into a SparkApplication: policy (a refusal is announced), then idempotency
 * (an application of the same run is the answer, whatever the limit says), then admission and
 * create, then the event. Every path that finds the application (cache, 409 on create, look-up at
 * the limit) compares its run id label.
 */
@ApplicationScoped
public class SparkApplicationSubmitter {

  private final SubmissionPolicy policy;
  private final SparkApplicationStore store;
  private final AdmissionGate admission;
  private final ActiveApplicationIndex index;
  private final RunEventPublisher events;
  private final SubmitterMetrics metrics;

  SparkApplicationSubmitter(
      SubmissionPolicy policy,
      SparkApplicationStore store,
      AdmissionGate admission,
      ActiveApplicationIndex index,
      RunEventPublisher events,
      SubmitterMetrics metrics) {
    this.policy = policy;
    this.store = store;
    this.admission = admission;
    this.index = index;
    this.events = events;
    this.metrics = metrics;
  }

  public SubmissionResult submit(SparkJob job) {
    Optional<PolicyViolation> violation = policy.check(job);
    if (violation.isPresent()) {
      PolicyViolation refusal = violation.get();
      metrics.policyRefusal(refusal.rule().id());
      // the status-reporter can tell the user which rule refused, not only that the step failed
      events.sparkRefused(job.runId(), job.workflow(), refusal.rule().id(), refusal.message());
      return new SubmissionResult.Refused(refusal);
    }
    // a retry usually finds its application in the informer's cache, without an API call; when
    // the cache lags, the create's 409 or the look-up below tells the same
    Optional<GenericKubernetesResource> cached = index.find(job.namespace(), job.name());
    GenericKubernetesResource manifest = SparkApplicationManifest.of(job);
    if (cached.isPresent()) {
      return answerFor(job, manifest, cached.get());
    }
    Optional<CreateResult> created =
        admission.ifRoom(
            job.namespace(),
            job.name(),
            () -> metrics.createLatency().record(() -> store.create(manifest)),
            CreateResult::created);
    if (created.isEmpty()) {
      Optional<GenericKubernetesResource> existing = store.get(job.namespace(), job.name());
      if (existing.isPresent()) {
        return answerFor(job, manifest, existing.get());
      }
      metrics.admissionRefusal(job.namespace());
      return new SubmissionResult.Throttled(
          job.namespace(), admission.limit(), admission.retryAfter());
    }
    if (!created.get().created()) {
      return answerFor(job, manifest, created.get().application());
    }
    announce(job, created.get().application());
    return new SubmissionResult.Created(created.get().application());
  }

  /**
   * The application found under the name is the answer only if it is the one this request would
   * create: the same run, and the same spec (which holds the pods' relay labels too). Anything else
   * is a conflict, never a 200 that would make the step follow an application it did not ask for.
   */
  private SubmissionResult answerFor(
      SparkJob job, GenericKubernetesResource manifest, GenericKubernetesResource application) {
    String runId = SparkApplications.runId(application);
    if (!Objects.equals(runId, job.runId())) {
      return new SubmissionResult.Conflict(job.namespace(), job.name(), "belongs to run " + runId);
    }
    Optional<String> difference =
        SpecDifference.between(
            "spec",
            manifest.getAdditionalProperties().get("spec"),
            application.getAdditionalProperties().get("spec"));
    if (difference.isPresent()) {
      return new SubmissionResult.Conflict(
          job.namespace(),
          job.name(),
          "of run "
              + runId
              + " exists with a spec this request would not create (first difference: "
              + difference.get()
              + ")");
    }
    // the first answer may have been lost with its event: send again, JetStream drops duplicates
    announce(job, application);
    return new SubmissionResult.Existing(application);
  }

  private void announce(SparkJob job, GenericKubernetesResource application) {
    events.sparkSubmitted(
        job.runId(),
        job.workflow(),
        application.getMetadata().getName(),
        application.getMetadata().getNamespace());
  }
}
