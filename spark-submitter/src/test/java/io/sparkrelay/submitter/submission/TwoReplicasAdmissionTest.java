package io.sparkrelay.submitter.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.Services;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.submitter.TestJobs;
import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.config.TestConfig;
import io.sparkrelay.submitter.job.SparkJob;
import io.sparkrelay.submitter.kube.ActiveApplicationIndex;
import io.sparkrelay.submitter.kube.SparkApplicationManifest;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.Race;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two submitter replicas (each its own Kubernetes client, informer, NATS connection and gate, as
 * two pods have) over one nats-server and one API server: many requests racing through both gates
 * at once create exactly the limit, round after round. Before the ledger, each replica counted from
 * its own informer and together they could create up to limit + 1.
 */
class TwoReplicasAdmissionTest {

  private static final String NAMESPACE = "spark-team-a";
  private static final int LIMIT = 4;
  private static final int REQUESTS = 24;
  private static final int ROUNDS = 5;

  private static NatsServerProcess nats;
  private static KubernetesApiStandIn api;
  private static final List<Replica> replicas = new ArrayList<>();

  /** One pod's worth of the admission path. */
  private record Replica(
      KubernetesClient client,
      ActiveApplicationIndex index,
      NatsConnection nats,
      AdmissionGate gate)
      implements AutoCloseable {

    static Replica start(SubmitterConfig config) throws InterruptedException {
      KubernetesClient client = newClient();
      ActiveApplicationIndex index =
          new ActiveApplicationIndex(
              client,
              config.policy().allowedNamespaces(),
              config.admission().terminalStates(),
              Clock.systemUTC());
      index.start();
      NatsConnection connection = new NatsConnection(Services.SPARK_SUBMITTER, config.nats());
      connection.open();
      assertThat(connection.awaitConnected(Duration.ofSeconds(10))).isTrue();
      return new Replica(
          client,
          index,
          connection,
          new AdmissionGate(index, config.admission(), connection, Clock.systemUTC()));
    }

    /** Creates the application through this replica's client, as the submitter does. */
    boolean create(String name) {
      SparkJob taxi = TestJobs.taxiTrip();
      GenericKubernetesResource manifest = SparkApplicationManifest.of(taxi);
      manifest.getMetadata().setName(name);
      applications(client).inNamespace(NAMESPACE).resource(manifest).create();
      return true;
    }

    @Override
    public void close() {
      index.stop();
      nats.close();
      client.close();
    }
  }

  @BeforeAll
  static void start() throws InterruptedException {
    nats = NatsServerProcess.started();
    api = KubernetesApiStandIn.start(0);
    SubmitterConfig config =
        TestConfig.of(
            Map.of(
                "relay.nats.url", nats.url(),
                "relay.policy.allowed-namespaces", NAMESPACE,
                "relay.admission.max-active-per-namespace", Integer.toString(LIMIT)));
    replicas.add(Replica.start(config));
    replicas.add(Replica.start(config));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> replicas.stream().allMatch(r -> r.index().isSynced(NAMESPACE)));
  }

  @AfterAll
  static void stop() {
    replicas.forEach(Replica::close);
    api.close();
    nats.close();
  }

  @Test
  void requestsRacingThroughTwoReplicasCreateExactlyTheLimit() throws Exception {
    try (KubernetesClient observer = newClient()) {
      for (int round = 0; round < ROUNDS; round++) {
        List<Callable<Optional<Boolean>>> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
          Replica replica = replicas.get(i % 2);
          String name = "race-" + round + "-" + i;
          requests.add(
              () -> replica.gate().ifRoom(NAMESPACE, name, () -> replica.create(name), c -> c));
        }

        long admitted = Race.atOnce(requests).stream().filter(Optional::isPresent).count();

        List<GenericKubernetesResource> created =
            applications(observer).inNamespace(NAMESPACE).list().getItems();
        assertThat(admitted).as("round %d: admitted", round).isEqualTo((long) LIMIT);
        assertThat(created).as("round %d: created", round).hasSize(LIMIT);
        for (Replica replica : replicas) {
          assertThat(replica.gate().unfinished(NAMESPACE)).isEqualTo(LIMIT);
        }

        // the round's applications end; both replicas then count none and the next round races
        for (GenericKubernetesResource application : created) {
          application.setAdditionalProperty(
              "status", Map.of("applicationState", Map.of("state", "COMPLETED")));
          applications(observer).inNamespace(NAMESPACE).resource(application).updateStatus();
        }
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> replicas.stream().allMatch(r -> r.gate().unfinished(NAMESPACE) == 0));
        applications(observer).inNamespace(NAMESPACE).delete();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> applications(observer).inNamespace(NAMESPACE).list().getItems().isEmpty());
      }
    }
  }

  /** A client of its own to the stand-in, as each pod has. */
  private static KubernetesClient newClient() {
    return api.server().createClient();
  }

  private static MixedOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      applications(KubernetesClient client) {
    return client.genericKubernetesResources(
        KubeResources.context(CustomResources.SPARK_APPLICATION));
  }
}
