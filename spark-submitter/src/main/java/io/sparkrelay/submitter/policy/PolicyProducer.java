package io.sparkrelay.submitter.policy;

import io.quarkus.runtime.Startup;
import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.profile.InvalidProfilesException;
import io.sparkrelay.submitter.profile.JobProfile;
import io.sparkrelay.submitter.profile.JobProfiles;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the policy from configuration, so the policy class itself stays free of CDI, and refuses to
 * start when a profile's write settings break it.
 */
public class PolicyProducer {

  @Produces
  @Singleton
  @Startup // a bad prefix or profile stops the start, not the first request
  SubmissionPolicy policy(SubmitterConfig config, JobProfiles profiles) {
    PolicyLimits limits = PolicyLimits.of(config.policy());
    checkWriteSettings(profiles, limits);
    return new SubmissionPolicy(limits);
  }

  static void checkWriteSettings(JobProfiles profiles, PolicyLimits limits) {
    List<String> problems = new ArrayList<>();
    for (JobProfile profile : profiles.all()) {
      problems.addAll(WriteLocations.problems(profile, limits.allowedS3Prefixes()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidProfilesException("job profiles: " + String.join("; ", problems));
    }
  }
}
