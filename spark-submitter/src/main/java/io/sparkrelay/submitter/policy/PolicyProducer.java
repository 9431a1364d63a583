package io.sparkrelay.submitter.policy;

import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the policy from configuration, so the policy class itself stays free of CDI. */
public class PolicyProducer {

  @Produces
  @Singleton
  SubmissionPolicy policy(SubmitterConfig config) {
    return new SubmissionPolicy(PolicyLimits.of(config.policy()));
  }
}
