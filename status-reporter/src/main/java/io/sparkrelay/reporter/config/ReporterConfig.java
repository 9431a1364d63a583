package io.sparkrelay.reporter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.sparkrelay.common.nats.NatsSettings;
import io.sparkrelay.contract.Streams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the status-reporter can be told, under {@code relay.*}; each default declared here.
 */
@ConfigMapping(prefix = "relay")
public interface ReporterConfig {

  Nats nats();

  Watch watch();

  Api api();

  /**
   * How long a run must have been seen ended before its end is announced, so that facts still on
   * their way from other watches (an executor's OOMKilled behind the driver's exit) make the
   * reason.
   */
  @WithDefault("3s")
  Duration announceDelay();

  Health health();

  interface Health {
    /**
     * How long a readiness condition may fail before the service reports not ready: a watch
     * re-opening or a slow moment under load is not unavailability.
     */
    @WithDefault("15s")
    Duration unavailableAfter();
  }

  /**
   * The shared NATS settings; RELAY_RUNS is the stream this service reads and writes, RELAY_DEAD
   * the one it reads dead letters from, RELAY_EVENTS the one a redrive must land in. The bucket and
   * the consumers are this service's own.
   */
  interface Nats extends NatsSettings {
    Bucket bucket();

    Consumer consumer();

    /** The bucket's name, the contract's unless a deployment renames it. */
    default String bucketName() {
      return bucket().name().orElse(Streams.RUNS_BUCKET);
    }
  }

  interface Bucket {
    /** Key-value bucket holding one entry per run (key = run id); unset: the contract's. */
    Optional<String> name();

    /** How long a run's state is kept after its last change. */
    @WithDefault("14d")
    Duration maxAge();
  }

  interface Consumer {
    /** Prefix of the durable consumers' names; replicas sharing it share the work. */
    @WithDefault("status-reporter")
    String durablePrefix();

    /** Time a delivered event may stay unacknowledged before it is delivered again. */
    @WithDefault("30s")
    Duration ackWait();

    /** Delay before an event that could not be stored is delivered again. */
    @WithDefault("2s")
    Duration retryDelay();
  }

  interface Watch {
    /**
     * Namespaces whose Workflows are watched (Argo's workflow namespaces); unset = all. Each kind
     * is watched only where it lives, so the Roles need grant nothing more.
     */
    Optional<List<String>> workflowNamespaces();

    /**
     * Namespaces whose SparkApplications and driver and executor pods are watched (the data
     * namespaces); unset = all.
     */
    Optional<List<String>> dataNamespaces();

    /** How often informers hand every object in their cache again, to heal missed updates. */
    @WithDefault("10m")
    Duration resyncPeriod();
  }

  interface Api {
    /** Page size of {@code GET /api/v1/runs} when none is asked for. */
    @WithDefault("20")
    int defaultPageSize();

    /** Largest page size {@code GET /api/v1/runs} answers with. */
    @WithDefault("200")
    int maxPageSize();

    /** Live streams ({@code GET /api/v1/runs/stream}) served at once; more are answered 503. */
    @WithDefault("64")
    int maxStreams();
  }

  /** Sending a dead letter's event again ({@code POST /api/v1/runs/{id}/redrive}). */
  Redrive redrive();

  interface Redrive {
    /**
     * Who may redrive, by name: {@code relay.redrive.credentials.<name>=<bearer credential>}. The
     * name is recorded in the run's timeline. None configured: redrive is off (403).
     */
    Map<String, String> credentials();
  }

  /** The run pages' links out, as URL templates; unset, the link is not shown. */
  Ui ui();

  interface Ui {
    /**
     * The Argo UI's page of a Workflow, with {@code {namespace}} and {@code {name}}, e.g. {@code
     * https://argo.example.com/workflows/{namespace}/{name}}.
     */
    Optional<String> workflowUrl();

    /**
     * The Spark UI or history server page of an application, with {@code {namespace}} and {@code
     * {name}} (the SparkApplication), e.g. {@code
     * https://spark-history.example.com/history/{name}}.
     */
    Optional<String> sparkUrl();

    /** The logs of a pod, with {@code {namespace}} and {@code {pod}}. */
    Optional<String> logsUrl();
  }
}
