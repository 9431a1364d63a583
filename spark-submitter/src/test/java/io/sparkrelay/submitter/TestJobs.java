package io.sparkrelay.submitter;

import io.sparkrelay.submitter.job.SparkJob;
import io.sparkrelay.submitter.profile.JobProfile;
import io.sparkrelay.submitter.profile.ProfileFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Jobs built from the shipped profiles, for plain unit tests. */
public final class TestJobs {

  private TestJobs() {}

  public static JobProfile profile(String name) {
    try (InputStream in =
        TestJobs.class.getClassLoader().getResourceAsStream("spark-relay/profiles.yaml")) {
      return new ProfileFileReader().read(in, "bundled").get(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The taxi-trip job with the profile's values, in spark-team-a. */
  public static SparkJob taxiTrip() {
    return from(profile("taxi-trip")).build();
  }

  /** A job of {@code profile} with its values; change what the test is about. */
  public static Job from(JobProfile profile) {
    Job job = new Job();
    job.profile = profile;
    job.arguments = profile.arguments();
    job.driverCores = profile.driver().cores();
    job.driverMemory = profile.driver().memory();
    job.executors = profile.executor().instances();
    job.executorCores = profile.executor().cores();
    job.executorMemory = profile.executor().memory();
    return job;
  }

  /** A SparkJob under construction. */
  public static final class Job {
    public String namespace = "spark-team-a";
    public String trigger = "taxi";
    public JobProfile profile;
    public List<String> arguments;
    public int driverCores;
    public String driverMemory;
    public int executors;
    public int executorCores;
    public String executorMemory;
    public Map<String, String> labels = Map.of();

    public Job resources(int dCores, String dMemory, int count, int eCores, String eMemory) {
      driverCores = dCores;
      driverMemory = dMemory;
      executors = count;
      executorCores = eCores;
      executorMemory = eMemory;
      return this;
    }

    public SparkJob build() {
      return new SparkJob(
          "taxi-3f2a9c01de-spark",
          namespace,
          "5f1c8a52-0c1e-4f5e-9a7b-2d3c4e5f6a7b",
          "taxi-3f2a9c01de",
          trigger,
          profile,
          arguments,
          driverCores,
          driverMemory,
          executors,
          executorCores,
          executorMemory,
          labels);
    }
  }

  /** The taxi-trip profile with another image and main application file. */
  public static JobProfile taxiTripWith(String image, String mainApplicationFile) {
    JobProfile p = profile("taxi-trip");
    return copy(p, image, mainApplicationFile, p.writablePrefixes(), p.outputArguments());
  }

  /** {@code p} with other write settings. */
  public static JobProfile withWrites(
      JobProfile p, List<String> writablePrefixes, List<Integer> outputArguments) {
    return copy(p, p.image(), p.mainApplicationFile(), writablePrefixes, outputArguments);
  }

  private static JobProfile copy(
      JobProfile p,
      String image,
      String mainApplicationFile,
      List<String> writablePrefixes,
      List<Integer> outputArguments) {
    return new JobProfile(
        p.name(),
        p.namespace(),
        p.type(),
        p.mode(),
        p.pythonVersion(),
        image,
        p.imagePullPolicy(),
        p.sparkVersion(),
        mainApplicationFile,
        p.mainClass(),
        p.arguments(),
        p.sparkConf(),
        p.hadoopConf(),
        p.serviceAccount(),
        p.driver(),
        p.executor(),
        p.restartPolicy(),
        p.timeToLiveSeconds(),
        p.runAsUser(),
        writablePrefixes,
        outputArguments);
  }
}
