package io.sparkrelay.submitter.profile;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * A named Spark job as operators describe it in the profiles file: what to run and with which
 * resources by default. Callers may override arguments and resources within policy. Every field a
 * profile leaves out takes the value of {@link ProfileDefaults}. {@code runAsUser} is the user the
 * driver and executor containers run as (the Spark images' {@code spark} user, 185, by default).
 */
@RegisterForReflection
public record JobProfile(
    String name,
    String namespace,
    String type,
    String mode,
    String pythonVersion,
    String image,
    String imagePullPolicy,
    String sparkVersion,
    String mainApplicationFile,
    String mainClass,
    List<String> arguments,
    Map<String, String> sparkConf,
    Map<String, String> hadoopConf,
    String serviceAccount,
    Driver driver,
    Executor executor,
    RestartPolicy restartPolicy,
    Long timeToLiveSeconds,
    Long runAsUser) {

  /** Driver pod resources. */
  @RegisterForReflection
  public record Driver(Integer cores, String coreLimit, String memory) {}

  /** Executor pods: how many and how big. */
  @RegisterForReflection
  public record Executor(Integer instances, Integer cores, String coreLimit, String memory) {}

  /** spec.restartPolicy of the SparkApplication. */
  @RegisterForReflection
  public record RestartPolicy(
      String type,
      Integer onFailureRetries,
      Long onFailureRetryInterval,
      Integer onSubmissionFailureRetries,
      Long onSubmissionFailureRetryInterval) {}
}
