package io.sparkrelay.submitter.policy;

import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.submission.MemorySize;
import java.util.List;

/** The policy's settings, checked once so a bad value fails the start, not a request. */
public record PolicyLimits(
    List<String> allowedNamespaces,
    List<String> allowedImagePrefixes,
    List<String> allowedS3Prefixes,
    int maxExecutors,
    int maxCores,
    String maxMemory) {

  public PolicyLimits {
    allowedNamespaces = List.copyOf(allowedNamespaces);
    allowedImagePrefixes = List.copyOf(allowedImagePrefixes);
    allowedS3Prefixes = allowedS3Prefixes.stream().map(S3Location::normalize).toList();
    if (MemorySize.mebibytes(maxMemory).isEmpty()) {
      throw new IllegalArgumentException("relay.policy.max-memory is not a size: " + maxMemory);
    }
  }

  public static PolicyLimits of(SubmitterConfig.Policy policy) {
    return new PolicyLimits(
        policy.allowedNamespaces(),
        policy.allowedImagePrefixes(),
        policy.allowedS3Prefixes(),
        policy.maxExecutors(),
        policy.maxCores(),
        policy.maxMemory());
  }

  long maxMemoryMebibytes() {
    return MemorySize.mebibytesOf(maxMemory);
  }
}
