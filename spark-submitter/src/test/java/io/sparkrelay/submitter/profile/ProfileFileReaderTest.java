package io.sparkrelay.submitter.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileFileReaderTest {

  private final ProfileFileReader reader = new ProfileFileReader();

  static Map<String, JobProfile> bundled() {
    try (InputStream in =
        ProfileFileReaderTest.class.getClassLoader().getResourceAsStream(JobProfiles.BUNDLED)) {
      return new ProfileFileReader().read(in, "bundled");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shipsTaxiTripAndPi() {
    Map<String, JobProfile> profiles = bundled();

    assertThat(profiles).containsOnlyKeys("taxi-trip", "pi");
    JobProfile taxi = profiles.get("taxi-trip");
    assertThat(taxi.type()).isEqualTo("Python");
    assertThat(taxi.mainApplicationFile()).startsWith("s3a://").endsWith(".py");
    assertThat(taxi.arguments()).hasSize(2).allMatch(a -> a.startsWith("s3a://"));
    assertThat(taxi.hadoopConf())
        .containsEntry(
            "fs.s3a.aws.credentials.provider",
            "com.amazonaws.auth.WebIdentityTokenCredentialsProvider");
    assertThat(taxi.sparkConf()).containsEntry("spark.eventLog.enabled", "true");
    assertThat(taxi.sparkConf().get("spark.eventLog.dir")).startsWith("s3a://");
  }

  @Test
  void profileWithoutResourcesGetsTheBlueprintDefaults() {
    JobProfile pi = bundled().get("pi");

    assertThat(pi.mainApplicationFile())
        .isEqualTo("local:///opt/spark/examples/src/main/python/pi.py");
    assertThat(pi.driver()).isEqualTo(new JobProfile.Driver(1, "1200m", "512m"));
    assertThat(pi.executor().instances()).isEqualTo(2);
    assertThat(pi.executor().cores()).isEqualTo(1);
    assertThat(pi.executor().memory()).isEqualTo("512m");
    assertThat(pi.restartPolicy())
        .isEqualTo(new JobProfile.RestartPolicy("OnFailure", 3, 10L, 5, 20L));
    assertThat(pi.timeToLiveSeconds()).isEqualTo(300L);
    assertThat(pi.mode()).isEqualTo("cluster");
  }

  @Test
  void partialResourcesKeepTheRestOfTheDefaults() {
    JobProfile p =
        read("""
            profiles:
              small:
                namespace: ns
                type: Scala
                mainClass: org.apache.spark.examples.SparkPi
                image: spark:4
                sparkVersion: "4.0.0"
                mainApplicationFile: local:///x.jar
                executor: {instances: 4}
                restartPolicy: {type: OnFailure, onFailureRetries: 1}
            """)
            .get("small");

    assertThat(p.executor().instances()).isEqualTo(4);
    assertThat(p.executor().memory()).isEqualTo("512m");
    assertThat(p.restartPolicy().onFailureRetries()).isEqualTo(1);
    assertThat(p.restartPolicy().onSubmissionFailureRetries()).isEqualTo(5);
  }

  @Test
  void profilesMayAlsoSitAtTheTopLevel() {
    Map<String, JobProfile> profiles =
        read(
            """
            word-count:
              namespace: ns
              type: Python
              image: spark:4
              sparkVersion: "4.0.0"
              mainApplicationFile: local:///wc.py
            """);

    assertThat(profiles).containsOnlyKeys("word-count");
    assertThat(profiles.get("word-count").executor().instances()).isEqualTo(2);
  }

  @Test
  void incompleteProfilesFailTheWholeFileNamingEachProblem() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    profiles:
                      broken:
                        type: Java
                        image: spark:4
                    """))
        .isInstanceOf(InvalidProfilesException.class)
        .hasMessageContaining("broken: namespace is required")
        .hasMessageContaining("broken: sparkVersion is required")
        .hasMessageContaining("broken: mainApplicationFile is required")
        .hasMessageContaining("mainClass is required for type Java");
  }

  @Test
  void unknownFieldsAreRejectedSoTyposShowUp() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    profiles:
                      p:
                        namespace: ns
                        executors: 3
                    """))
        .isInstanceOf(InvalidProfilesException.class)
        .hasMessageContaining("executors");
  }

  private Map<String, JobProfile> read(String yaml) {
    return reader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }
}
