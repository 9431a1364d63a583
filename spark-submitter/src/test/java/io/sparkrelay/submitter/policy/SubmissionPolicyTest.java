package io.sparkrelay.submitter.policy;

import static io.sparkrelay.submitter.TestJobs.taxiTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkrelay.submitter.TestJobs;
import io.sparkrelay.submitter.job.SparkJob;
import io.sparkrelay.submitter.profile.JobProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionPolicyTest {

  private final SubmissionPolicy policy =
      new SubmissionPolicy(
          new PolicyLimits(
              List.of("spark-team-a"),
              List.of("public.ecr.aws/data-on-eks/", "docker.io/library/spark:"),
              List.of("s3a://Spark-Relay-Data/"),
              4,
              8,
              "4g"));

  @Test
  void shippedProfilesPassWithTheirDefaults() {
    assertThat(policy.check(taxiTrip())).isEmpty();
    assertThat(policy.check(TestJobs.from(TestJobs.profile("pi")).build())).isEmpty();
  }

  @Test
  void namespaceOutsideTheListIsRefused() {
    TestJobs.Job job = taxi();
    job.namespace = "kube-system";
    assertRefused(job.build(), PolicyRule.ALLOWED_NAMESPACES)
        .contains("'kube-system'")
        .contains("[spark-team-a]");
  }

  @Test
  void imageWithoutAllowedPrefixIsRefused() {
    JobProfile p =
        TestJobs.taxiTripWith("evil.io/miner:1", taxiTrip().profile().mainApplicationFile());
    assertRefused(TestJobs.from(p).build(), PolicyRule.ALLOWED_IMAGES).contains("evil.io/miner:1");
  }

  @Test
  void s3ArgumentOutsideTheAllowedPrefixesIsRefusedWhateverTheScheme() {
    assertRefused(
            withArguments("s3://other-bucket/in/", "s3a://spark-relay-data/o/"),
            PolicyRule.ALLOWED_S3_PREFIXES)
        .contains("s3://other-bucket/in/");
    assertThat(
            policy.check(
                withArguments(
                    "s3://spark-relay-data/in/", "S3N://spark-relay-data/taxi-trip/output/x")))
        .isEmpty();
  }

  @Test
  void s3UriInsideAnOptionIsFound() {
    assertRefused(
        withArguments("--input=s3a://spark-relay-data/a,s3a://stolen/b"),
        PolicyRule.ALLOWED_S3_PREFIXES);
  }

  @Test
  void bucketSharingThePrefixTextIsNotUnderIt() {
    SubmissionPolicy noSlash =
        new SubmissionPolicy(
            new PolicyLimits(
                List.of("spark-team-a"),
                List.of("public.ecr.aws/", "docker.io/"),
                List.of("s3://spark-relay-data"),
                4,
                8,
                "4g"));
    assertThat(noSlash.check(withArguments("s3://spark-relay-data-evil/x")))
        .get()
        .extracting(PolicyViolation::rule)
        .isEqualTo(PolicyRule.ALLOWED_S3_PREFIXES);
  }

  @Test
  void dotSegmentsCannotClimbOutOfThePrefix() {
    assertRefused(
        withArguments("s3a://spark-relay-data/taxi/../../other/"), PolicyRule.ALLOWED_S3_PREFIXES);
  }

  @Test
  void mainApplicationFileIsCheckedToo() {
    JobProfile elsewhere =
        TestJobs.taxiTripWith(taxiTrip().profile().image(), "s3a://somewhere/job.py");
    assertRefused(TestJobs.from(elsewhere).build(), PolicyRule.ALLOWED_S3_PREFIXES)
        .contains("s3a://somewhere/job.py");
  }

  @Test
  void tooManyExecutorsIsRefused() {
    assertRefused(withResources(1, "256m", 5, 1, "256m"), PolicyRule.MAX_EXECUTORS)
        .isEqualTo("5 executors asked, at most 4 allowed");
    assertThat(policy.check(withResources(1, "256m", 4, 1, "256m"))).isEmpty();
  }

  @Test
  void tooManyCoresInTotalIsRefused() {
    assertRefused(withResources(1, "256m", 4, 2, "256m"), PolicyRule.MAX_CORES)
        .contains("9 cores in total (driver 1 + 4 executors x 2), at most 8 allowed");
    assertThat(policy.check(withResources(2, "256m", 3, 2, "256m"))).isEmpty();
  }

  @Test
  void tooMuchMemoryInTotalIsRefused() {
    assertRefused(withResources(1, "1g", 2, 1, "1600m"), PolicyRule.MAX_MEMORY)
        .contains("4224MiB")
        .contains("at most 4g");
    assertThat(policy.check(withResources(1, "1g", 3, 1, "1g"))).isEmpty();
  }

  private static TestJobs.Job taxi() {
    return TestJobs.from(TestJobs.profile("taxi-trip"));
  }

  private static SparkJob withArguments(String... arguments) {
    TestJobs.Job job = taxi();
    job.arguments = List.of(arguments);
    return job.build();
  }

  private static SparkJob withResources(
      int dCores, String dMem, int count, int eCores, String eMem) {
    return taxi().resources(dCores, dMem, count, eCores, eMem).build();
  }

  private org.assertj.core.api.AbstractStringAssert<?> assertRefused(
      SparkJob job, PolicyRule rule) {
    PolicyViolation violation = policy.check(job).orElseThrow();
    assertThat(violation.rule()).isEqualTo(rule);
    return assertThat(violation.message());
  }

  @Test
  void anImagePrefixThatStopsInsideANameIsRefusedAtTheStart() {
    assertThatThrownBy(
            () ->
                new PolicyLimits(
                    List.of("spark-team-a"),
                    List.of("public.ecr.aws/data-on-eks/", "docker.io/library/spark"),
                    List.of("s3://spark-relay-data/"),
                    4,
                    8,
                    "4g"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "relay.policy.allowed-image-prefixes: 'docker.io/library/spark' does not end at a path"
                + " boundary ('/', ':' or '@'), so it would also allow 'docker.io/library/sparkx';"
                + " write 'docker.io/library/spark/' for a registry path or"
                + " 'docker.io/library/spark:' for the tags of one image");
  }

  @Test
  void aPrefixEndingAtATagBoundaryAllowsTheTagsOfThatImageOnly() {
    SubmissionPolicy tags =
        new SubmissionPolicy(
            new PolicyLimits(
                List.of("spark-team-a"),
                List.of("docker.io/library/spark:"),
                List.of("s3://spark-relay-data/"),
                4,
                8,
                "4g"));
    assertThat(tags.check(TestJobs.from(TestJobs.profile("pi")).build())).isEmpty();
  }

  @Test
  void anOutputOutsideTheProfilesWritablePrefixesIsRefused() {
    assertRefused(
            withArguments(
                "s3a://spark-relay-data/taxi-trip/input/",
                "s3a://spark-relay-data/taxi-trip/scripts/pyspark-taxi-trip.py"),
            PolicyRule.WRITABLE_PREFIXES)
        .isEqualTo(
            "output argument 1 's3a://spark-relay-data/taxi-trip/scripts/pyspark-taxi-trip.py'"
                + " must be one S3 URI under a writable prefix of profile 'taxi-trip'"
                + " [s3a://spark-relay-data/taxi-trip/output/]");
    assertRefused(
            withArguments("s3a://spark-relay-data/taxi-trip/input/", "s3a://spark-relay-data/x/"),
            PolicyRule.WRITABLE_PREFIXES)
        .startsWith("output argument 1 's3a://spark-relay-data/x/' must be one S3 URI");
  }

  @Test
  void anOutputMustBeOneS3UriNotAListOrAnOption() {
    String list = "s3a://spark-relay-data/taxi-trip/output/a,s3a://spark-relay-data/other/";
    assertRefused(
            withArguments("s3a://spark-relay-data/taxi-trip/input/", list),
            PolicyRule.WRITABLE_PREFIXES)
        .startsWith("output argument 1 '" + list + "'");
    assertRefused(
            withArguments(
                "s3a://spark-relay-data/taxi-trip/input/",
                "--out=s3a://spark-relay-data/taxi-trip/output/"),
            PolicyRule.WRITABLE_PREFIXES)
        .startsWith("output argument 1 '--out=s3a://spark-relay-data/taxi-trip/output/'");
  }

  @Test
  void anOutputUnderAWritablePrefixPassesWhateverTheScheme() {
    assertThat(
            policy.check(
                withArguments(
                    "s3://spark-relay-data/taxi-trip/input/2026/",
                    "S3://spark-relay-data/taxi-trip/output/run-7/")))
        .isEmpty();
  }

  @Test
  void noArgumentMayNameTheScriptsPrefixOrTheEventLogDirectory() {
    assertRefused(
            withArguments(
                "s3://spark-relay-data/taxi-trip/scripts/",
                "s3a://spark-relay-data/taxi-trip/output/"),
            PolicyRule.PROTECTED_PREFIXES)
        .isEqualTo(
            "argument 0 's3://spark-relay-data/taxi-trip/scripts/' is under the job's scripts"
                + " prefix 's3://spark-relay-data/taxi-trip/scripts/', which no run may name");
    assertRefused(
            withArguments(
                "--history=s3n://spark-relay-data/spark-event-logs/app-1",
                "s3a://spark-relay-data/taxi-trip/output/"),
            PolicyRule.PROTECTED_PREFIXES)
        .isEqualTo(
            "argument 0 's3n://spark-relay-data/spark-event-logs/app-1' is under the job's"
                + " event-log directory 's3://spark-relay-data/spark-event-logs', which no run may"
                + " name");
  }

  @Test
  void aProfileWhoseWritesCouldReachItsScriptsOrEventLogsDoesNotStart() {
    JobProfile wholeBucket =
        TestJobs.withWrites(
            TestJobs.profile("taxi-trip"), List.of("s3a://spark-relay-data/"), List.of(1));
    assertThat(WriteLocations.problems(wholeBucket, List.of("s3://spark-relay-data/")))
        .containsExactly(
            "taxi-trip: writable prefix 's3a://spark-relay-data/' overlaps the job's scripts"
                + " prefix 's3://spark-relay-data/taxi-trip/scripts/'",
            "taxi-trip: writable prefix 's3a://spark-relay-data/' overlaps the job's event-log"
                + " directory 's3://spark-relay-data/spark-event-logs'");
  }

  @Test
  void badWriteSettingsAreNamedAtTheStart() {
    JobProfile taxi = TestJobs.profile("taxi-trip");
    assertThat(
            WriteLocations.problems(
                TestJobs.withWrites(taxi, List.of(), List.of(1)),
                List.of("s3://spark-relay-data/")))
        .containsExactly(
            "taxi-trip: outputArguments are declared but writablePrefixes is empty",
            "taxi-trip: argument 1 's3a://spark-relay-data/taxi-trip/output/' is an output but"
                + " not under its writablePrefixes");
    assertThat(
            WriteLocations.problems(
                TestJobs.withWrites(
                    taxi, List.of("s3://spark-relay-data/taxi-trip/output/"), List.of(64)),
                List.of("s3://spark-relay-data/")))
        .containsExactly("taxi-trip: outputArguments: 64 is not a position from 0 to 63");
    assertThat(
            WriteLocations.problems(
                TestJobs.withWrites(taxi, List.of("s3://elsewhere/out/"), List.of(1)),
                List.of("s3://spark-relay-data/")))
        .containsExactly(
            "taxi-trip: writable prefix 's3://elsewhere/out/' is not an S3 URI under"
                + " relay.policy.allowed-s3-prefixes [s3://spark-relay-data/]",
            "taxi-trip: argument 1 's3a://spark-relay-data/taxi-trip/output/' is an output but"
                + " not under its writablePrefixes");
  }

  @Test
  void theShippedProfilesWriteSettingsPass() {
    for (String name : List.of("taxi-trip", "pi")) {
      assertThat(WriteLocations.problems(TestJobs.profile(name), List.of("s3://spark-relay-data/")))
          .isEmpty();
    }
  }
}
