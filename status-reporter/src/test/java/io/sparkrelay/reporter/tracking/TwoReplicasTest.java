package io.sparkrelay.reporter.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.Services;
import io.sparkrelay.reporter.ApplicationState;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.WorkflowState;
import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.nats.OutcomePublisher;
import io.sparkrelay.reporter.nats.RunBucket;
import io.sparkrelay.reporter.nats.RunStream;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two reporters on one bucket, as two replicas would be: both see every fact of the same runs at
 * the same time, in different orders. The revision check must keep every fact, and each run must be
 * announced and counted once.
 */
class TwoReplicasTest {

  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
  private static NatsServerProcess nats;

  private record Replica(NatsConnection nats, RunTracker tracker, SimpleMeterRegistry registry) {
    double ended() {
      return registry.find("relay.reporter.runs").counters().stream()
          .mapToDouble(c -> c.count())
          .sum();
    }
  }

  @BeforeAll
  static void startNats() {
    nats = NatsServerProcess.started();
  }

  @AfterAll
  static void stopNats() {
    nats.close();
  }

  private static ReporterConfig config() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(ReporterConfig.class)
            // "30s"-style durations, as Quarkus reads them
            .withConverter(Duration.class, 200, new DurationConverter())
            .withDefaultValue("relay.nats.url", nats.url())
            .withDefaultValue("relay.announce-delay", "0s")
            .build();
    return config.getConfigMapping(ReporterConfig.class);
  }

  private static Replica replica() throws Exception {
    ReporterConfig config = config();
    ObjectMapper json =
        new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    NatsConnection nats = new NatsConnection(Services.STATUS_REPORTER, config.nats());
    nats.open();
    await().atMost(Duration.ofSeconds(10)).until(nats::isConnected);
    RunBucket bucket = new RunBucket(config, nats, json);
    new RunStream(nats, config).ensure();
    bucket.ensure();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RunTracker tracker =
        new RunTracker(
            bucket,
            new OutcomePublisher(nats, config),
            new ReporterMetrics(registry, new RunIndex()),
            config);
    return new Replica(nats, tracker, registry);
  }

  private static List<RunState> facts(String runId) {
    RunState run = RunState.of(runId);
    List<RunState> facts = new ArrayList<>();
    facts.add(run.reached(Stage.RECEIVED, T0).withTrigger("taxi"));
    facts.add(
        run.reached(Stage.WORKFLOW_CREATED, T0.plusSeconds(1))
            .withWorkflow(WorkflowState.named("taxi-" + runId, "argo")));
    facts.add(
        run.reached(Stage.SPARK_SUBMITTED, T0.plusSeconds(2))
            .withApplication(ApplicationState.named("taxi-" + runId + "-spark", "spark")));
    facts.add(run.reached(Stage.DRIVER_RUNNING, T0.plusSeconds(5)));
    for (int e = 1; e <= 4; e++) {
      facts.add(run.withExecutor("exec-" + e, "RUNNING"));
    }
    facts.add(run.reached(Stage.COMPLETED, T0.plusSeconds(30)));
    return facts;
  }

  @Test
  void concurrentReplicasKeepEveryFactAndAnnounceEachRunOnce() throws Exception {
    Replica a = replica();
    Replica b = replica();
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      runs.add("run-" + i + "-" + System.nanoTime());
    }
    Random random = new Random(3);
    List<Callable<Void>> work = new ArrayList<>();
    for (Replica replica : List.of(a, b)) {
      for (int worker = 0; worker < 2; worker++) {
        List<RunState> mine = new ArrayList<>();
        runs.forEach(run -> mine.addAll(facts(run)));
        Collections.shuffle(mine, new Random(random.nextLong()));
        work.add(
            () -> {
              for (RunState fact : mine) {
                replica.tracker().apply(fact);
              }
              return null;
            });
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(work.size());
    try {
      for (Future<Void> done : pool.invokeAll(work)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    for (String run : runs) {
      RunState stored = a.tracker().find(run).orElseThrow();
      RunState expected = facts(run).stream().reduce(RunState.of(run), RunState::merge);
      assertThat(stored.timeline()).isEqualTo(expected.timeline());
      assertThat(stored.executorCount()).isEqualTo(4);
      assertThat(stored.announced()).isEqualTo(Stage.COMPLETED);
    }
    Map<String, Long> endEvents =
        new JetStreamProbe(nats.url())
            .messages("RELAY_RUNS", "relay.runs.completed").stream()
                .collect(Collectors.groupingBy(m -> m.messageId(), Collectors.counting()));
    for (String run : runs) {
      assertThat(endEvents).containsEntry(run + ":completed", 1L);
    }
    assertThat(a.ended() + b.ended()).isEqualTo(runs.size());

    a.nats().close();
    b.nats().close();
  }
}
