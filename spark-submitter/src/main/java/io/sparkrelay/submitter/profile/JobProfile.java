package io.sparkrelay.submitter.profile;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * A named Spark job as operators describe it in the profiles file: what to run and with which
 * resources by default. Callers may override arguments and resources within policy. Every field a
 * profile leaves out takes the value of {@link ProfileDefaults}. {@code runAsUser} is the user the
 * driver and executor containers run as (the Spark images' {@code spark} user, 185, by default).
 * {@code outputArguments} are the positions (from 0) of the arguments the job writes to; each must
 * be one S3 URI under one of {@code writablePrefixes}, and no argument may name the job's scripts
 * prefix or its event-log directory.
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
    Long runAsUser,
    List<String> writablePrefixes,
    List<Integer> outputArguments) {

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
