package io.sparkrelay.submitter.job;

import io.sparkrelay.submitter.profile.JobProfile;
import java.util.List;
import java.util.Map;

/**
 * A request resolved against its profile: every value the SparkApplication will carry, before the
 * policy has looked at it. {@code trigger} may be null.
 */
public record SparkJob(
    String name,
    String namespace,
    String runId,
    String workflow,
    String trigger,
    JobProfile profile,
    List<String> arguments,
    int driverCores,
    String driverMemory,
    int executors,
    int executorCores,
    String executorMemory,
    Map<String, String> extraLabels) {

  public long totalCores() {
    return driverCores + (long) executors * executorCores;
  }

  public long totalMemoryMebibytes() {
    return MemorySize.mebibytesOf(driverMemory)
        + executors * MemorySize.mebibytesOf(executorMemory);
  }
}
