package io.sparkrelay.submitter.policy;

import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.job.MemorySize;
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
    for (String prefix : allowedImagePrefixes) {
      // images are matched by prefix: one that stops inside a name would allow any longer name
      if (!(prefix.endsWith("/") || prefix.endsWith(":") || prefix.endsWith("@"))) {
        throw new IllegalArgumentException(
            "relay.policy.allowed-image-prefixes: '"
                + prefix
                + "' does not end at a path boundary ('/', ':' or '@'), so it would also allow '"
                + prefix
                + "x'; write '"
                + prefix
                + "/' for a registry path or '"
                + prefix
                + ":' for the tags of one image");
      }
    }
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
