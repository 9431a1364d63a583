package io.sparkrelay.reporter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.sparkrelay.common.nats.NatsTlsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the status-reporter can be told, under {@code relay.*}. */
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

  interface Nats {
    /** NATS server URL(s), comma separated. */
    @WithDefault("nats://127.0.0.1:4222")
    String url();

    /** Path of a NATS credentials (.creds) file. */
    Optional<String> credentialsFile();

    /** Token for token authentication. */
    Optional<String> token();

    /** User name for user/password authentication. */
    Optional<String> username();

    /** Password for user/password authentication. */
    Optional<String> password();

    /**
     * Prefix of the inboxes the server's replies come to ({@code <prefix>.<id>}). The users of
     * deploy/nats may subscribe to their own service's inboxes only, so no service reads another's
     * replies.
     */
    @WithDefault("_INBOX.status-reporter")
    String inboxPrefix();

    /** TLS towards the server. */
    NatsTlsSettings tls();

    /** Create the stream and the bucket when missing; off where an operator owns them. */
    @WithDefault("true")
    boolean manageStreams();

    /** Longest wait for a JetStream or key-value request. */
    @WithDefault("5s")
    Duration requestTimeout();

    Stream stream();

    Bucket bucket();

    Consumer consumer();

    DeadLetters deadLetters();
  }

  interface DeadLetters {
    /** Stream of every service's dead letters ({@code relay.dead.>}); the launcher creates it. */
    @WithDefault("RELAY_DEAD")
    String stream();
  }

  interface Stream {
    /** Stream of the run lifecycle events, read and written by the reporter. */
    @WithDefault("RELAY_RUNS")
    String name();

    /** Subjects the stream is created with. */
    @WithDefault("relay.runs.>")
    String subjects();

    /** Window in which a repeated Nats-Msg-Id is dropped: makes the final event one per run. */
    @WithDefault("2m")
    Duration duplicateWindow();

    /** How long run events are kept. */
    @WithDefault("7d")
    Duration maxAge();

    /** Stream replicas (1 for a single server, 3 in a cluster). */
    @WithDefault("1")
    int replicas();
  }

  interface Bucket {
    /** Key-value bucket holding one entry per run (key = run id). */
    @WithDefault("relay-runs")
    String name();

    /** How long a run's state is kept after its last change. */
    @WithDefault("14d")
    Duration maxAge();

    /** Bucket replicas. */
    @WithDefault("1")
    int replicas();
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

    /** The subject the original event is published on again; the launcher's consumer reads it. */
    @WithDefault("relay.events.redrive")
    String subject();

    /** The stream that must take it (the publish fails rather than land elsewhere). */
    @WithDefault("RELAY_EVENTS")
    String stream();
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
