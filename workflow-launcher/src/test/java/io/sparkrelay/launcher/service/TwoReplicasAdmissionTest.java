package io.sparkrelay.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.common.nats.NatsSettings;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.contract.Services;
import io.sparkrelay.launcher.kube.UnfinishedWorkflows;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.Race;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two launcher replicas (each its own Kubernetes client, Workflow informer, NATS connection and
 * admission, as two pods have) over one nats-server and one API server: the unfinished-Workflows
 * limit holds exactly for both together, and a worker waiting at the limit goes on when a Workflow
 * finishes. Before the ledger each replica counted from its own informer, so together they could
 * hold up to twice the limit.
 */
class TwoReplicasAdmissionTest {

  private static final String NAMESPACE = "default";
  private static final int LIMIT = 5;
  private static final int REQUESTS = 30;

  private static NatsServerProcess nats;
  private static KubernetesApiStandIn api;
  private static KubernetesClient observer;
  private static final List<Replica> replicas = new ArrayList<>();

  /** One pod's worth of the admission path. */
  private record Replica(
      KubernetesClient client,
      UnfinishedWorkflows unfinished,
      NatsConnection nats,
      WorkflowAdmission admission)
      implements AutoCloseable {

    static Replica start(NatsSettings settings) throws InterruptedException {
      KubernetesClient client = newClient();
      UnfinishedWorkflows unfinished =
          new UnfinishedWorkflows(client, Set.of(NAMESPACE), Clock.systemUTC());
      unfinished.start();
      NatsConnection connection = new NatsConnection(Services.WORKFLOW_LAUNCHER, settings);
      connection.open();
      assertThat(connection.awaitConnected(Duration.ofSeconds(10))).isTrue();
      return new Replica(
          client,
          unfinished,
          connection,
          new WorkflowAdmission(unfinished, connection, LIMIT, Clock.systemUTC()));
    }

    /** Creates the Workflow through this replica's client, as the launcher does. */
    void create(String name) {
      workflows(client).resource(workflow(name)).create();
    }

    @Override
    public void close() {
      unfinished.stop();
      nats.close();
      client.close();
    }
  }

  @BeforeAll
  static void start() throws InterruptedException {
    nats = NatsServerProcess.started();
    api = KubernetesApiStandIn.start(0);
    observer = newClient();
    NatsSettings settings =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(Map.of("relay.nats.url", nats.url()), "t", 300))
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(NatsSettings.class, "relay.nats")
            .build()
            .getConfigMapping(NatsSettings.class, "relay.nats");
    replicas.add(Replica.start(settings));
    replicas.add(Replica.start(settings));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> replicas.stream().allMatch(r -> r.unfinished().isWatching()));
  }

  @AfterAll
  static void stop() {
    replicas.forEach(Replica::close);
    observer.close();
    api.close();
    nats.close();
  }

  @BeforeEach
  void noWorkflowsLeft() {
    workflows(observer).delete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> replicas.stream().allMatch(r -> r.admission().admitted() == 0));
  }

  @Test
  void workersRacingOnTwoReplicasCreateExactlyTheLimit() throws Exception {
    for (int round = 0; round < 5; round++) {
      List<Callable<Boolean>> creates = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        Replica replica = replicas.get(i % 2);
        String name = "race-" + round + "-" + i;
        creates.add(
            () -> {
              if (!replica.admission().tryAdmit(NAMESPACE, name).admitted()) {
                return false;
              }
              replica.create(name);
              return true;
            });
      }

      long admitted = Race.atOnce(creates).stream().filter(created -> created).count();

      assertThat(admitted).as("round %d: admitted", round).isEqualTo((long) LIMIT);
      String prefix = "race-" + round + "-";
      assertThat(workflows(observer).list().getItems())
          .filteredOn(w -> w.getMetadata().getName().startsWith(prefix))
          .as("round %d: created", round)
          .hasSize(LIMIT);
      for (Replica replica : replicas) {
        assertThat(replica.admission().admitted()).isEqualTo(LIMIT);
      }
      workflows(observer).list().getItems().forEach(TwoReplicasAdmissionTest::finish);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> replicas.stream().allMatch(r -> r.admission().admitted() == 0));
    }
  }

  @Test
  void aWorkerWaitingAtTheLimitGoesOnWhenAWorkflowFinishes() throws Exception {
    Replica first = replicas.get(0);
    Replica second = replicas.get(1);
    for (int i = 0; i < LIMIT; i++) {
      assertThat(first.admission().tryAdmit(NAMESPACE, "full-" + i).admitted()).isTrue();
      first.create("full-" + i);
    }
    AtomicInteger heartbeats = new AtomicInteger();
    AtomicInteger through = new AtomicInteger();
    ExecutorService waiting = Executors.newFixedThreadPool(3);
    try {
      for (int i = 0; i < 3; i++) {
        String name = "waits-" + i;
        waiting.submit(
            () -> {
              second
                  .admission()
                  .acquire(NAMESPACE, name, heartbeats::incrementAndGet, 200_000_000L);
              second.create(name);
              through.incrementAndGet();
              return null;
            });
      }
      // the workers wait, holding their events alive
      await().atMost(Duration.ofSeconds(10)).until(() -> heartbeats.get() >= 3);
      assertThat(through.get()).isZero();

      finish(stored("full-0"));
      finish(stored("full-1"));

      await().atMost(Duration.ofSeconds(10)).until(() -> through.get() == 2);
      // full again: 3 left of the first replica and the 2 that went on; the third still waits
      assertThat(second.admission().admitted()).isEqualTo(LIMIT);
      assertThat(through.get()).isEqualTo(2);

      finish(stored("full-2"));

      await().atMost(Duration.ofSeconds(10)).until(() -> through.get() == 3);
      assertThat(first.admission().admitted()).isEqualTo(LIMIT);
    } finally {
      waiting.shutdownNow();
    }
  }

  private static GenericKubernetesResource workflow(String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("argoproj.io/v1alpha1")
        .withKind("Workflow")
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .withLabels(Map.of(RelayLabels.MANAGED_BY, RelayLabels.MANAGED_BY_VALUE))
        .endMetadata()
        .withAdditionalProperties(
            Map.of("spec", Map.of("workflowTemplateRef", Map.of("name", "spark-relay-spark-job"))))
        .build();
  }

  private static GenericKubernetesResource stored(String name) {
    return workflows(observer).withName(name).get();
  }

  /** Argo writes the phase with the object (the Workflow CRD has no status subresource). */
  private static void finish(GenericKubernetesResource workflow) {
    workflows(observer)
        .withName(workflow.getMetadata().getName())
        .edit(
            w -> {
              w.getAdditionalProperties().put("status", Map.of("phase", "Succeeded"));
              return w;
            });
  }

  /** A client of its own to the stand-in, as each pod has. */
  private static KubernetesClient newClient() {
    return api.server().createClient();
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      workflows(KubernetesClient client) {
    return client
        .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
        .inNamespace(NAMESPACE);
  }
}
