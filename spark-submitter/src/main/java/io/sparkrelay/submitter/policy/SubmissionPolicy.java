package io.sparkrelay.submitter.policy;

import io.sparkrelay.submitter.job.SparkJob;
import io.sparkrelay.submitter.profile.JobProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a resolved job may become a SparkApplication. The rules apply to the profile's
 * values as much as to the caller's overrides: a profile file is configuration too, and the policy
 * is the last word on what reaches the cluster.
 */
public class SubmissionPolicy {

  private final PolicyLimits limits;

  public SubmissionPolicy(PolicyLimits limits) {
    this.limits = limits;
  }

  /** The first rule {@code job} breaks, in the order of {@link PolicyRule}. */
  public Optional<PolicyViolation> check(SparkJob job) {
    if (!limits.allowedNamespaces().contains(job.namespace())) {
      return refuse(
          PolicyRule.ALLOWED_NAMESPACES,
          "namespace '%s' is not allowed; allowed: %s",
          job.namespace(),
          limits.allowedNamespaces());
    }
    String image = job.profile().image();
    if (limits.allowedImagePrefixes().stream().noneMatch(image::startsWith)) {
      return refuse(
          PolicyRule.ALLOWED_IMAGES,
          "image '%s' does not start with an allowed prefix %s",
          image,
          limits.allowedImagePrefixes());
    }
    for (String location : s3Locations(job)) {
      if (!S3Location.isUnder(location, limits.allowedS3Prefixes())) {
        return refuse(
            PolicyRule.ALLOWED_S3_PREFIXES,
            "S3 location '%s' is not under an allowed prefix %s",
            location,
            limits.allowedS3Prefixes());
      }
    }
    Optional<PolicyViolation> write = checkWrites(job);
    if (write.isPresent()) {
      return write;
    }
    if (job.executors() > limits.maxExecutors()) {
      return refuse(
          PolicyRule.MAX_EXECUTORS,
          "%d executors asked, at most %d allowed",
          job.executors(),
          limits.maxExecutors());
    }
    if (job.totalCores() > limits.maxCores()) {
      return refuse(
          PolicyRule.MAX_CORES,
          "%d cores in total (driver %d + %d executors x %d), at most %d allowed",
          job.totalCores(),
          job.driverCores(),
          job.executors(),
          job.executorCores(),
          limits.maxCores());
    }
    if (job.totalMemoryMebibytes() > limits.maxMemoryMebibytes()) {
      return refuse(
          PolicyRule.MAX_MEMORY,
          "%dMiB of memory in total (driver %s + %d executors x %s), at most %s allowed",
          job.totalMemoryMebibytes(),
          job.driverMemory(),
          job.executors(),
          job.executorMemory(),
          limits.maxMemory());
    }
    return Optional.empty();
  }

  /**
   * Outputs only under the profile's writable prefixes; no argument under the job's scripts prefix
   * or event-log directory, whatever the argument is for.
   */
  private static Optional<PolicyViolation> checkWrites(SparkJob job) {
    JobProfile profile = job.profile();
    List<String> arguments = job.arguments();
    for (int position : profile.outputArguments()) {
      if (position < arguments.size()
          && !WriteLocations.isWritable(arguments.get(position), profile.writablePrefixes())) {
        return refuse(
            PolicyRule.WRITABLE_PREFIXES,
            "output argument %d '%s' must be one S3 URI under a writable prefix of profile '%s' %s",
            position,
            arguments.get(position),
            profile.name(),
            profile.writablePrefixes());
      }
    }
    var protectedPrefixes = WriteLocations.protectedPrefixes(profile);
    for (int position = 0; position < arguments.size(); position++) {
      for (String location : S3Location.findAll(arguments.get(position))) {
        for (var entry : protectedPrefixes.entrySet()) {
          if (S3Location.isUnder(location, List.of(entry.getValue()))) {
            return refuse(
                PolicyRule.PROTECTED_PREFIXES,
                "argument %d '%s' is under the job's %s '%s', which no run may name",
                position,
                location,
                entry.getKey(),
                entry.getValue());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The application file, the arguments and S3 values in the Spark configuration. */
  private static List<String> s3Locations(SparkJob job) {
    JobProfile profile = job.profile();
    List<String> locations = new ArrayList<>(S3Location.findAll(profile.mainApplicationFile()));
    job.arguments().forEach(argument -> locations.addAll(S3Location.findAll(argument)));
    profile.sparkConf().values().forEach(value -> locations.addAll(S3Location.findAll(value)));
    return locations;
  }

  private static Optional<PolicyViolation> refuse(PolicyRule rule, String format, Object... args) {
    return Optional.of(new PolicyViolation(rule, String.format(format, args)));
  }
}
