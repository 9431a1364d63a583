package io.sparkrelay.submitter.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.submitter.TestJobs;
import io.sparkrelay.submitter.job.SparkJob;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SparkApplicationManifestTest {

  // Field names as the operator's CRD (sparkoperator.k8s.io/v1beta2) declares them; the manifest
  // may only use these, and must carry the CRD's required ones.
  private static final Set<String> SPEC_FIELDS =
      Set.of(
          "type",
          "pythonVersion",
          "mode",
          "image",
          "imagePullPolicy",
          "sparkVersion",
          "mainApplicationFile",
          "mainClass",
          "arguments",
          "sparkConf",
          "hadoopConf",
          "restartPolicy",
          "timeToLiveSeconds",
          "driver",
          "executor");
  private static final Set<String> SPEC_REQUIRED =
      Set.of("driver", "executor", "mainApplicationFile", "sparkVersion", "type");
  private static final Set<String> DRIVER_FIELDS =
      Set.of(
          "cores",
          "coreLimit",
          "memory",
          "serviceAccount",
          "labels",
          "podSecurityContext",
          "securityContext");
  private static final Set<String> EXECUTOR_FIELDS =
      Set.of(
          "instances",
          "cores",
          "coreLimit",
          "memory",
          "serviceAccount",
          "labels",
          "podSecurityContext",
          "securityContext");
  private static final Set<String> RESTART_FIELDS =
      Set.of(
          "type",
          "onFailureRetries",
          "onFailureRetryInterval",
          "onSubmissionFailureRetries",
          "onSubmissionFailureRetryInterval");

  @Test
  void taxiTripBecomesAValidSparkApplication() {
    SparkJob job = TestJobs.taxiTrip();
    GenericKubernetesResource app = SparkApplicationManifest.of(job);

    assertThat(app.getApiVersion()).isEqualTo("sparkoperator.k8s.io/v1beta2");
    assertThat(app.getKind()).isEqualTo("SparkApplication");
    assertThat(app.getMetadata().getName()).isEqualTo("taxi-3f2a9c01de-spark");
    assertThat(app.getMetadata().getNamespace()).isEqualTo("spark-team-a");
    Map<String, Object> spec = spec(app);
    assertThat(spec.keySet()).containsAll(SPEC_REQUIRED).isSubsetOf(SPEC_FIELDS);
    assertThat(spec)
        .containsEntry("type", "Python")
        .containsEntry("pythonVersion", "3")
        .containsEntry("mode", "cluster")
        .containsEntry("sparkVersion", "3.3.1")
        .containsEntry("timeToLiveSeconds", 600L)
        .containsEntry(
            "mainApplicationFile", "s3a://spark-relay-data/taxi-trip/scripts/pyspark-taxi-trip.py")
        .containsEntry(
            "arguments",
            List.of(
                "s3a://spark-relay-data/taxi-trip/input/",
                "s3a://spark-relay-data/taxi-trip/output/"));
    assertThat(map(spec, "hadoopConf"))
        .containsEntry(
            "fs.s3a.aws.credentials.provider",
            "com.amazonaws.auth.WebIdentityTokenCredentialsProvider");
    assertThat(map(spec, "restartPolicy"))
        .containsOnlyKeys(RESTART_FIELDS)
        .containsEntry("type", "OnFailure")
        .containsEntry("onFailureRetries", 3)
        .containsEntry("onSubmissionFailureRetries", 5);
    assertThat(map(spec, "driver"))
        .containsOnlyKeys(DRIVER_FIELDS)
        .containsEntry("cores", 1)
        .containsEntry("coreLimit", "1200m")
        .containsEntry("memory", "512m")
        .containsEntry("serviceAccount", "spark-team-a");
    assertThat(map(spec, "executor").keySet()).isSubsetOf(EXECUTOR_FIELDS);
    assertThat(map(spec, "executor"))
        .containsEntry("instances", 2)
        .containsEntry("cores", 1)
        .containsEntry("memory", "512m");
  }

  @Test
  void driverAndExecutorsRunRestrictedAsTheSparkUser() {
    Map<String, Object> spec = spec(SparkApplicationManifest.of(TestJobs.taxiTrip()));
    for (String pod : List.of("driver", "executor")) {
      assertThat(map(map(spec, pod), "podSecurityContext"))
          .as(pod)
          .isEqualTo(
              Map.of(
                  "runAsNonRoot",
                  true,
                  "runAsUser",
                  185L,
                  "fsGroup",
                  185L,
                  "seccompProfile",
                  Map.of("type", "RuntimeDefault")));
      assertThat(map(map(spec, pod), "securityContext"))
          .as(pod)
          .isEqualTo(
              Map.of(
                  "runAsNonRoot",
                  true,
                  "runAsUser",
                  185L,
                  "allowPrivilegeEscalation",
                  false,
                  "capabilities",
                  Map.of("drop", List.of("ALL")),
                  "seccompProfile",
                  Map.of("type", "RuntimeDefault")));
    }
  }

  @Test
  void relayLabelsAreOnTheApplicationAndBothPodTemplates() {
    TestJobs.Job job = TestJobs.from(TestJobs.profile("taxi-trip"));
    job.labels = Map.of("spark-relay.io/scenario", "oom");
    SparkJob j = job.build();
    GenericKubernetesResource app = SparkApplicationManifest.of(j);

    Map<String, String> expected =
        Map.of(
            "spark-relay.io/run-id", j.runId(),
            "spark-relay.io/workflow", "taxi-3f2a9c01de",
            "spark-relay.io/trigger", "taxi",
            "app.kubernetes.io/managed-by", "spark-relay",
            "spark-relay.io/scenario", "oom");
    assertThat(app.getMetadata().getLabels()).isEqualTo(expected);
    assertThat(map(spec(app), "driver")).containsEntry("labels", expected);
    assertThat(map(spec(app), "executor")).containsEntry("labels", expected);
  }

  @Test
  void noTriggerLabelWhenNoneGiven() {
    TestJobs.Job job = TestJobs.from(TestJobs.profile("taxi-trip"));
    job.trigger = null;

    assertThat(SparkApplicationManifest.of(job.build()).getMetadata().getLabels())
        .doesNotContainKey("spark-relay.io/trigger");
  }

  @Test
  void piHasNoArgumentsAndNoConfMaps() {
    Map<String, Object> spec =
        spec(SparkApplicationManifest.of(TestJobs.from(TestJobs.profile("pi")).build()));

    assertThat(spec).doesNotContainKeys("arguments", "sparkConf", "hadoopConf", "mainClass");
    assertThat(spec)
        .containsEntry("mainApplicationFile", "local:///opt/spark/examples/src/main/python/pi.py")
        .containsEntry("image", "docker.io/library/spark:4.0.0");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource app) {
    return (Map<String, Object>) app.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }
}
