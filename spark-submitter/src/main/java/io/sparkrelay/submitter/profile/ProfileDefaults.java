package io.sparkrelay.submitter.profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fills what a profile leaves out, with the sizes of the data-on-eks Argo blueprint: a driver of 1
 * core and 512m, 2 executors of 1 core and 512m, restart on failure with retries, and a
 * time-to-live so finished applications do not pile up.
 */
final class ProfileDefaults {

  static final JobProfile.Driver DRIVER = new JobProfile.Driver(1, "1200m", "512m");
  static final JobProfile.Executor EXECUTOR = new JobProfile.Executor(2, 1, null, "512m");
  static final JobProfile.RestartPolicy RESTART_POLICY =
      new JobProfile.RestartPolicy("OnFailure", 3, 10L, 5, 20L);
  static final long TIME_TO_LIVE_SECONDS = 600;

  /**
   * The {@code spark} user of the Apache Spark images (and of data-on-eks' images built on them).
   */
  static final long SPARK_USER = 185;

  private ProfileDefaults() {}

  static JobProfile complete(String name, JobProfile p) {
    return new JobProfile(
        name,
        p.namespace(),
        p.type(),
        or(p.mode(), "cluster"),
        p.pythonVersion(),
        p.image(),
        or(p.imagePullPolicy(), "IfNotPresent"),
        p.sparkVersion(),
        p.mainApplicationFile(),
        p.mainClass(),
        or(p.arguments(), List.of()),
        or(p.sparkConf(), Map.of()),
        or(p.hadoopConf(), Map.of()),
        p.serviceAccount(),
        driver(p.driver()),
        executor(p.executor()),
        restartPolicy(p.restartPolicy()),
        or(p.timeToLiveSeconds(), TIME_TO_LIVE_SECONDS),
        or(p.runAsUser(), SPARK_USER),
        or(p.writablePrefixes(), List.of()),
        or(p.outputArguments(), List.of()));
  }

  private static JobProfile.Driver driver(JobProfile.Driver d) {
    if (d == null) {
      return DRIVER;
    }
    return new JobProfile.Driver(
        or(d.cores(), DRIVER.cores()),
        or(d.coreLimit(), DRIVER.coreLimit()),
        or(d.memory(), DRIVER.memory()));
  }

  private static JobProfile.Executor executor(JobProfile.Executor e) {
    if (e == null) {
      return EXECUTOR;
    }
    return new JobProfile.Executor(
        or(e.instances(), EXECUTOR.instances()),
        or(e.cores(), EXECUTOR.cores()),
        e.coreLimit(),
        or(e.memory(), EXECUTOR.memory()));
  }

  private static JobProfile.RestartPolicy restartPolicy(JobProfile.RestartPolicy r) {
    if (r == null) {
      return RESTART_POLICY;
    }
    if (!"OnFailure".equals(r.type())) {
      return r;
    }
    // the operator requires the submission retries when the type is OnFailure
    return new JobProfile.RestartPolicy(
        r.type(),
        or(r.onFailureRetries(), RESTART_POLICY.onFailureRetries()),
        or(r.onFailureRetryInterval(), RESTART_POLICY.onFailureRetryInterval()),
        or(r.onSubmissionFailureRetries(), RESTART_POLICY.onSubmissionFailureRetries()),
        or(
            r.onSubmissionFailureRetryInterval(),
            RESTART_POLICY.onSubmissionFailureRetryInterval()));
  }

  private static <T> T or(T value, T fallback) {
    return Objects.requireNonNullElse(value, fallback);
  }
}
