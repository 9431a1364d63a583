package io.sparkrelay.reporter.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sparkrelay.contract.RelayLabels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which pods may speak for a run: those whose owner chain leads to its Spark Relay application. */
class ProvenanceTest {

  private static final String NS = "spark-team-a";
  private static final String RUN = "run-1";

  private final Map<String, HasMetadata> applications = new HashMap<>();
  private final Map<String, HasMetadata> pods = new HashMap<>();

  private static OwnerReference ref(String apiVersion, String kind, String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .withController(true)
        .build();
  }

  private GenericKubernetesResource application(String name, String uid, String run, String by) {
    var builder =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("sparkoperator.k8s.io/v1beta2")
            .withKind("SparkApplication")
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withUid(uid)
            .addToLabels(RelayLabels.RUN_ID, run)
            .endMetadata();
    GenericKubernetesResource application = builder.build();
    if (by != null) {
      application.getMetadata().getLabels().put(RelayLabels.MANAGED_BY, by);
    }
    applications.put(NS + "/" + name, application);
    return application;
  }

  private Pod pod(String name, String uid, String role, String run, OwnerReference... owners) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withUid(uid)
            .addToLabels(RelayLabels.RUN_ID, run)
            .addToLabels(RelayLabels.SPARK_ROLE, role)
            .withOwnerReferences(List.of(owners))
            .endMetadata()
            .build();
    pods.put(NS + "/" + name, pod);
    return pod;
  }

  private boolean trusted(Pod pod) {
    return Provenance.isPodOfRelayApplication(
        pod,
        (ns, name) -> applications.get(ns + "/" + name),
        (ns, name) -> pods.get(ns + "/" + name));
  }

  private static OwnerReference toApplication(String name, String uid) {
    return ref("sparkoperator.k8s.io/v1beta2", "SparkApplication", name, uid);
  }

  private static OwnerReference toPod(String name, String uid) {
    return ref("v1", "Pod", name, uid);
  }

  @Test
  void theDriverAndExecutorsOfASparkRelayApplicationCount() {
    application("taxi-spark", "app-uid", RUN, "spark-relay");
    Pod driver =
        pod(
            "taxi-spark-driver",
            "driver-uid",
            "driver",
            RUN,
            toApplication("taxi-spark", "app-uid"));
    Pod executor =
        pod(
            "taxi-spark-exec-1",
            "exec-uid",
            "executor",
            RUN,
            toPod("taxi-spark-driver", "driver-uid"));

    assertThat(trusted(driver)).isTrue();
    assertThat(trusted(executor)).isTrue();
  }

  @Test
  void aPodWithTheRunIdButNoOwnerIsIgnored() {
    application("taxi-spark", "app-uid", RUN, "spark-relay");

    assertThat(trusted(pod("fake-driver", "f1", "driver", RUN))).isFalse();
    assertThat(trusted(pod("fake-exec", "f2", "executor", RUN))).isFalse();
  }

  @Test
  void anOwnerThatIsNotTheCachedObjectOrNotSparkRelaysIsNotEnough() {
    application("taxi-spark", "app-uid", RUN, "spark-relay");
    application("other-spark", "other-uid", "run-2", "spark-relay");
    application("foreign-spark", "foreign-uid", RUN, "someone-else");
    pod("taxi-spark-driver", "driver-uid", "driver", RUN, toApplication("taxi-spark", "app-uid"));

    // the right name with a made-up UID
    assertThat(trusted(pod("d1", "u1", "driver", RUN, toApplication("taxi-spark", "made-up"))))
        .isFalse();
    // an application that is not in the cache
    assertThat(trusted(pod("d2", "u2", "driver", RUN, toApplication("gone", "gone-uid"))))
        .isFalse();
    // Spark Relay's application of another run
    assertThat(trusted(pod("d3", "u3", "driver", RUN, toApplication("other-spark", "other-uid"))))
        .isFalse();
    // an application Spark Relay did not make
    assertThat(
            trusted(pod("d4", "u4", "driver", RUN, toApplication("foreign-spark", "foreign-uid"))))
        .isFalse();
    // the right name and UID under another kind or group
    assertThat(
            trusted(
                pod(
                    "d5",
                    "u5",
                    "driver",
                    RUN,
                    ref("v1", "SparkApplication", "taxi-spark", "app-uid"))))
        .isFalse();
    // an executor claiming the genuine driver with a made-up UID
    assertThat(trusted(pod("e1", "u6", "executor", RUN, toPod("taxi-spark-driver", "made-up"))))
        .isFalse();
    // an executor owned by a driver whose own chain does not hold
    pod("fake-driver", "fake-uid", "driver", RUN);
    assertThat(trusted(pod("e2", "u7", "executor", RUN, toPod("fake-driver", "fake-uid"))))
        .isFalse();
    // an executor owned by the genuine driver of the run but labelled with another run
    assertThat(
            trusted(pod("e3", "u8", "executor", "run-2", toPod("taxi-spark-driver", "driver-uid"))))
        .isFalse();
    // a pod of no Spark role
    assertThat(trusted(pod("x", "u9", "other", RUN, toApplication("taxi-spark", "app-uid"))))
        .isFalse();
  }
}
