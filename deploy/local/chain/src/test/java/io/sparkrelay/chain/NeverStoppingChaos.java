package io.sparkrelay.chain;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.testkit.JetStreamProbe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Chaos that does not wait for the chain to settle: {@code run.sh --replicas 2 --nats-cluster
 * --restart-crashed} takes a steady stream of messages (1% poison, and now and then a body that is
 * not JSON, one naming its own run id, one no rule matches) while, at random intervals, one fault
 * at a time hits any service instance or any NATS node: SIGKILL (run.sh starts it again, as a
 * kubelet would), the node leading RELAY_EVENTS killed, SIGSTOP for a while, or one instance cut
 * off from NATS for a while (its {@link NatsGates}). Faults go on until every message has ended (or
 * the drain limit passed); then everything is let be, and {@link ChaosVerdict} holds the promise
 * against what happened: every good message exactly one Workflow, at most one SparkApplication,
 * COMPLETED, one end announced; every poison message a dead letter with its reason; each odd input
 * answered as it must be; nothing lost, nothing twice.
 *
 * <p>Run by {@code deploy/local/chaos/run.sh} (through {@link NeverStoppingChaosMain}) at the
 * default size, and by {@code NeverStoppingChaosTest} at CI size.
 */
final class NeverStoppingChaos {

  static final String GOOD = "{\"job\":\"pi\"}";
  static final String POISON = "{\"job\":\"pi\",\"executors\":\"500\"}";
  static final String POISON_REASON =
      "rule 'pi': parameter 'executors': value '500' does not match pattern '([1-9][0-9]?)?'";
  static final String NO_RULE = "{\"job\":\"unknown-job\"}";
  static final String NOT_READABLE = ", so no trigger rule can read it";
  static final String FORGED_REASON =
      "the body has text after the JSON value (at character 12)" + NOT_READABLE;

  private static final List<String> SERVICES =
      List.of("sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter");
  private static final List<String> NATS_NODES = List.of("nats", "nats-1", "nats-2");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a message is, and so what it must become. */
  enum Kind {
    GOOD,
    POISON,
    NOT_JSON,
    FORGED_ID,
    NO_RULE;

    /** Message {@code i} of a run: 1% poison, one in 300 of each odd kind. */
    static Kind of(int i) {
      if (i % 100 == 50) {
        return POISON;
      }
      return switch (i % 300) {
        case 25 -> NOT_JSON;
        case 75 -> FORGED_ID;
        case 125 -> NO_RULE;
        default -> GOOD;
      };
    }

    String body(int i) {
      return switch (this) {
        case GOOD -> NeverStoppingChaos.GOOD;
        case POISON -> NeverStoppingChaos.POISON;
        case NOT_JSON -> "not json " + i;
        case FORGED_ID -> "{\"job\":\"pi\"},\"id\":\"" + forgedId(i) + "\"";
        case NO_RULE -> NeverStoppingChaos.NO_RULE;
      };
    }

    static String forgedId(int i) {
      return "forged-" + i;
    }
  }

  /** A message sent: its index, kind, the SQS MessageId (= run id), when. */
  record Sent(int index, Kind kind, String runId, Instant at) {}

  /** A fault: when, until when its outage lasted (= at for a kill), what and whom. */
  record Fault(Instant at, Instant until, String kind, String target) {

    String describe() {
      long seconds = Duration.between(at, until).toSeconds();
      return kind + " " + target + (seconds > 0 ? " " + seconds + "s" : "");
    }
  }

  /**
   * @param messages how many to send
   * @param ratePerSecond how fast
   * @param faultEveryMin shortest time from one fault to the next
   * @param faultEveryMax longest
   * @param outageMin shortest freeze or cut-off
   * @param outageMax longest (shorter than {@code faultEveryMin}: one fault at a time)
   * @param seed of the faults' dice
   * @param replicas instances of each service
   * @param prometheus start run.sh's Prometheus and record the alerts
   * @param runDir run.sh's run directory
   * @param drainLimit how long after the last send faults go on while runs still end
   * @param ttl how long a finished run's objects stay in the cluster
   */
  record Settings(
      int messages,
      double ratePerSecond,
      Duration faultEveryMin,
      Duration faultEveryMax,
      Duration outageMin,
      Duration outageMax,
      long seed,
      int replicas,
      boolean prometheus,
      Path runDir,
      Duration drainLimit,
      Duration ttl) {

    Settings {
      if (outageMax.compareTo(faultEveryMin) >= 0) {
        throw new IllegalArgumentException(
            "an outage (up to " + outageMax + ") must end before the next fault " + faultEveryMin);
      }
    }
  }

  /**
   * The services' settings for the run: the submitter's admission is not under test (it may admit
   * whatever the launcher lets through); the launcher's cap of unfinished Workflows (all replicas
   * together) is 50, what the simulated cluster on its CRUD stand-in serves here without its calls
   * timing out (with the default 500, the stand-in took over 10 s a call and the simulated Argo
   * failed Workflows with "The timeout period of 10000ms has been exceeded"); the rest of a backlog
   * waits in RELAY_EVENTS. Redeliveries come within seconds, so that the run's objects can be
   * collected a minute after they finished.
   */
  static final Map<String, String> ENVIRONMENT =
      Map.of(
          "RELAY_LIMITS_MAX_UNFINISHED_WORKFLOWS", "50",
          "RELAY_ADMISSION_MAX_ACTIVE_PER_NAMESPACE", "1000",
          "RELAY_CONSUMER_ACK_WAIT", "10s",
          "RELAY_CONSUMER_BACKOFF", "1s,5s,10s",
          "RELAY_NATS_REQUEST_TIMEOUT", "3s",
          "RELAY_NATS_PUBLISH_TIMEOUT", "5s",
          "RELAY_SQS_WAIT_TIME_SECONDS", "5");

  private final Settings settings;
  private final PrintStream out;
  private final Random dice;
  private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
  private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
  private final List<String> skipped = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean faulting = new AtomicBoolean(true);
  private final Map<String, Instant> cutOff = new ConcurrentHashMap<>();
  private Instant start;

  NeverStoppingChaos(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.dice = new Random(settings.seed());
  }

  /** Runs the whole thing: start, send and break, drain, check, stop. */
  ChaosVerdict run() throws Exception {
    int rows = Math.max(settings.replicas(), NATS_NODES.size());
    int base = LocalChain.freePortBlock(10 * rows);
    List<String> instances = new ArrayList<>();
    for (String service : SERVICES) {
      for (int i = 0; i < settings.replicas(); i++) {
        instances.add(i == 0 ? service : service + "-" + i);
      }
    }
    List<Integer> natsPorts = List.of(base + 6, base + 16, base + 26);
    List<String> options =
        new ArrayList<>(
            List.of(
                "--replicas",
                String.valueOf(settings.replicas()),
                "--nats-cluster",
                "--restart-crashed"));
    if (settings.prometheus()) {
      options.add("--prometheus");
    }
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(4);
    try (NatsGates gates = new NatsGates(instances, natsPorts)) {
      options.addAll(gates.runShOptions());
      out.printf(
          "Chaos: %d messages at %.0f/s, a fault every %d-%d s (outages %d-%d s), seed %d%n",
          settings.messages(),
          settings.ratePerSecond(),
          settings.faultEveryMin().toSeconds(),
          settings.faultEveryMax().toSeconds(),
          settings.outageMin().toSeconds(),
          settings.outageMax().toSeconds(),
          settings.seed());
      try (LocalChain chain =
          LocalChain.startAt(
              settings.runDir(),
              base,
              Duration.ofMillis(50),
              Duration.ofMillis(200),
              ENVIRONMENT,
              options.toArray(String[]::new))) {
        out.println("Chain up: " + settings.runDir());
        // SIGTERM or Ctrl-C of the driver stops the chain too
        Thread stopper = new Thread(chain::close);
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
          return underChaos(chain, gates, instances, clock);
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(stopper);
          } catch (IllegalStateException e) {
            // shutting down already: the hook does it
          }
        }
      }
    } finally {
      clock.shutdownNow();
    }
  }

  private ChaosVerdict underChaos(
      LocalChain chain, NatsGates gates, List<String> instances, ScheduledExecutorService clock)
      throws Exception {
    try (SqsClient sqs = chain.sqsClient();
        KubernetesClient kube = chain.kubernetesClient();
        ChaosLedger ledger = new ChaosLedger(kube).start();
        RunEnds ends = RunEnds.follow(chain);
        ChainProcesses processes = new ChainProcesses(chain);
        AlertLog alerts =
            settings.prometheus() ? AlertLog.poll(chain.endpoint("PROMETHEUS_URL"), clock) : null) {
      NatsCluster nats = new NatsCluster(chain);
      Reporter reporter = new Reporter(chain);
      start = Instant.now();

      CountDownLatch allSent = new CountDownLatch(1);
      ScheduledFuture<?> sender = startSending(sqs, chain.endpoint("QUEUE_URL"), clock, allSent);
      ScheduledFuture<?> collector =
          clock.scheduleWithFixedDelay(
              () -> quietly(() -> ledger.collect(settings.ttl(), ends.ends()::containsKey)),
              10,
              2,
              TimeUnit.SECONDS);
      ScheduledFuture<?> progress =
          clock.scheduleWithFixedDelay(
              () -> out.println(progress(ends, ledger)), 30, 30, TimeUnit.SECONDS);
      scheduleFault(clock, processes, gates, nats, instances);

      allSent.await();
      sender.cancel(false);
      out.println("All " + settings.messages() + " sent: " + progress(ends, ledger));
      boolean drained = awaitAllEnded(ends, settings.drainLimit());
      faulting.set(false);
      out.println(
          (drained ? "Every run ended" : "Drain limit reached")
              + "; faults stop: "
              + progress(ends, ledger));
      processes.awaitThawed();
      gates.instances().forEach(gates::restore);
      awaitAllEnded(ends, Duration.ofMinutes(3));
      JetStreamProbe jetStream =
          JetStreamProbe.withCredentials(
              chain.endpoint("NATS_URLS"),
              chain.endpoint("NATS_ADMIN_USER"),
              chain.endpoint("NATS_ADMIN_PASSWORD"),
              Path.of(chain.endpoint("NATS_CA_FILE")));
      awaitSettled(jetStream);
      collector.cancel(false);
      progress.cancel(false);
      Instant end = Instant.now();

      out.println("Checking " + sent.size() + " messages");
      ChaosVerdict.Facts facts =
          new ChaosVerdict.Facts(
              List.copyOf(sent),
              answers(reporter),
              forgedAnswers(reporter),
              ledger,
              ends.ends(),
              ends.total(),
              deadLetterReasons(jetStream),
              LocalChain.approximateCount(sqs, chain.endpoint("QUEUE_URL")),
              LocalChain.approximateCount(sqs, chain.endpoint("DLQ_URL")),
              List.copyOf(faults),
              List.copyOf(skipped),
              alerts == null ? List.of() : alerts.spans(),
              start,
              end);
      return ChaosVerdict.of(settings, facts);
    }
  }

  /**
   * Sends at the settings' rate: a tick every 100 ms (or slower, for rates under 10/s) with the
   * messages due in it as one SendMessageBatch (at most 10), so that the rate holds even when one
   * SQS call takes tens of milliseconds on a busy machine. What a tick could not send is sent by
   * the next one.
   */
  private ScheduledFuture<?> startSending(
      SqsClient sqs, String queueUrl, ScheduledExecutorService clock, CountDownLatch allSent) {
    int perTick = (int) Math.max(1, Math.min(10, Math.ceil(settings.ratePerSecond() / 10)));
    long periodMicros = Math.round(1_000_000 * perTick / settings.ratePerSecond());
    AtomicInteger next = new AtomicInteger();
    return clock.scheduleAtFixedRate(
        () -> {
          int first = next.get();
          if (first >= settings.messages()) {
            allSent.countDown();
            return;
          }
          int last = Math.min(settings.messages(), first + perTick);
          List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
          for (int i = first; i < last; i++) {
            entries.add(
                SendMessageBatchRequestEntry.builder()
                    .id(String.valueOf(i))
                    .messageBody(Kind.of(i).body(i))
                    .build());
          }
          try {
            SendMessageBatchResponse response =
                sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            Instant at = Instant.now();
            response.successful().stream()
                .sorted(java.util.Comparator.comparingInt(ok -> Integer.parseInt(ok.id())))
                .forEach(
                    ok -> {
                      int i = Integer.parseInt(ok.id());
                      sent.add(new Sent(i, Kind.of(i), ok.messageId(), at));
                    });
            next.set(last);
            // an entry refused (ElasticMQ is not under chaos: rare) goes alone, right away
            response.failed().stream()
                .map(failed -> Integer.parseInt(failed.id()))
                .sorted()
                .forEach(
                    i -> {
                      String runId =
                          sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(Kind.of(i).body(i)))
                              .messageId();
                      sent.add(new Sent(i, Kind.of(i), runId, Instant.now()));
                    });
          } catch (RuntimeException e) {
            out.println("send " + first + "-" + (last - 1) + " failed, again: " + e.getMessage());
          }
        },
        0,
        periodMicros,
        TimeUnit.MICROSECONDS);
  }

  private void scheduleFault(
      ScheduledExecutorService clock,
      ChainProcesses processes,
      NatsGates gates,
      NatsCluster nats,
      List<String> instances) {
    long min = settings.faultEveryMin().toMillis();
    long max = settings.faultEveryMax().toMillis();
    long wait = min + (max > min ? (long) (dice.nextDouble() * (max - min)) : 0);
    clock.schedule(
        () -> {
          if (!faulting.get()) {
            return;
          }
          quietly(() -> inject(clock, processes, gates, nats, instances));
          scheduleFault(clock, processes, gates, nats, instances);
        },
        wait,
        TimeUnit.MILLISECONDS);
  }

  /** One fault, chosen at random. */
  private void inject(
      ScheduledExecutorService clock,
      ChainProcesses processes,
      NatsGates gates,
      NatsCluster nats,
      List<String> instances) {
    Instant at = Instant.now();
    long outageMillis =
        settings.outageMin().toMillis()
            + (long)
                (dice.nextDouble()
                    * (settings.outageMax().toMillis() - settings.outageMin().toMillis()));
    Duration outage = Duration.ofMillis(outageMillis);
    int roll = dice.nextInt(100);
    String instance = instances.get(dice.nextInt(instances.size()));
    String node = NATS_NODES.get(dice.nextInt(NATS_NODES.size()));
    String kind;
    String target;
    Instant until = at;
    if (roll < 30) {
      kind = "kill -9";
      target = instance;
    } else if (roll < 40) {
      kind = "kill -9";
      target = node;
    } else if (roll < 50) {
      kind = "kill -9 leader";
      target = nats.leaderFromMonitoring("RELAY_EVENTS").orElse(node);
    } else if (roll < 65) {
      kind = "SIGSTOP";
      target = instance;
      until = at.plus(outage);
    } else if (roll < 80) {
      kind = "SIGSTOP";
      target = node;
      until = at.plus(outage);
    } else {
      kind = "cut off from NATS";
      target = instance;
      until = at.plus(outage);
    }
    try {
      switch (kind) {
        case "SIGSTOP" -> processes.freezeFor(target, outage);
        case "cut off from NATS" -> {
          gates.cutOff(target);
          cutOff.put(target, until);
          String cut = target;
          clock.schedule(
              () -> {
                gates.restore(cut);
                cutOff.remove(cut);
              },
              outageMillis,
              TimeUnit.MILLISECONDS);
        }
        default -> processes.killNow(target);
      }
    } catch (IllegalStateException e) {
      // not running now (still being started again after the last kill): no fault this time
      skipped.add(kind + " " + target + ": " + e.getMessage());
      out.println(elapsed() + " skipped " + kind + " " + target + ": " + e.getMessage());
      return;
    }
    Fault fault = new Fault(at, until, kind, target);
    faults.add(fault);
    out.println(elapsed() + " fault: " + fault.describe());
  }

  private boolean awaitAllEnded(RunEnds ends, Duration limit) {
    try {
      await("every message ended")
          .atMost(limit)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> sent.stream().allMatch(s -> ends.ends().containsKey(s.runId())));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /**
   * Waits until the launcher holds no event and none waits for it: a redelivery still to come would
   * show after the check otherwise.
   */
  private static void awaitSettled(JetStreamProbe jetStream) {
    try {
      await("the launcher's consumer settled")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> jetStream.consumerSettled("RELAY_EVENTS", "workflow-launcher"));
    } catch (ConditionTimeoutException e) {
      // the verdict shows what did not end
    }
  }

  /** The reporter's answer for every message sent, asked on four threads. */
  private Map<String, Optional<JsonNode>> answers(Reporter reporter) throws Exception {
    Map<String, Optional<JsonNode>> answers = new ConcurrentHashMap<>();
    ExecutorService askers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> asked = new ArrayList<>();
      for (Sent message : List.copyOf(sent)) {
        asked.add(
            askers.submit(
                () -> answers.put(message.runId(), askAgainAndAgain(reporter, message.runId()))));
      }
      for (Future<?> ask : asked) {
        ask.get();
      }
    } finally {
      askers.shutdownNow();
    }
    return answers;
  }

  private static Optional<JsonNode> askAgainAndAgain(Reporter reporter, String runId) {
    for (int attempt = 0; ; attempt++) {
      try {
        return reporter.run(runId);
      } catch (IllegalStateException e) {
        if (attempt == 4) {
          return Optional.empty();
        }
      }
    }
  }

  /** Whether the reporter knows a run under each forged id (it must not). */
  private Map<String, Boolean> forgedAnswers(Reporter reporter) {
    Map<String, Boolean> known = new HashMap<>();
    for (Sent message : List.copyOf(sent)) {
      if (message.kind() == Kind.FORGED_ID) {
        String forged = Kind.forgedId(message.index());
        known.put(forged, askAgainAndAgain(reporter, forged).isPresent());
      }
    }
    return known;
  }

  /** The launcher's dead letters in RELAY_DEAD: run id to reason. */
  private static Map<String, String> deadLetterReasons(JetStreamProbe jetStream) {
    Map<String, String> reasons = new HashMap<>();
    for (JetStreamProbe.StoredMessage message : jetStream.messages("RELAY_DEAD")) {
      try {
        JsonNode data = JSON.readTree(message.data()).path("data");
        reasons.put(data.path("runId").asText(), data.path("reason").asText());
      } catch (IOException e) {
        // not a dead letter of the contract's
      }
    }
    return reasons;
  }

  private String progress(RunEnds ends, ChaosLedger ledger) {
    return String.format(
        "%s sent %d, ended %d, Workflows %d, faults %d, collected %d",
        elapsed(),
        sent.size(),
        ends.ends().size(),
        ledger.runsWithWorkflows().size(),
        faults.size(),
        ledger.collectedRuns());
  }

  private String elapsed() {
    long seconds = Duration.between(start, Instant.now()).toSeconds();
    return String.format("[%02d:%02d]", seconds / 60, seconds % 60);
  }

  private void quietly(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      out.println(elapsed() + " " + e);
    }
  }
}
