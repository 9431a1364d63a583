package io.sparkrelay.launcher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.sparkrelay.common.nats.AdmissionLedger;
import io.sparkrelay.common.nats.NatsSettings;
import io.sparkrelay.contract.Subjects;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;

/** Everything the launcher can be told, under {@code relay.*}. */
@ConfigMapping(prefix = "relay")
public interface LauncherConfig {

  /** The shared {@code relay.nats.*} settings: the launcher has none of its own. */
  NatsSettings nats();

  Consumer consumer();

  Rules rules();

  Workflows workflows();

  Limits limits();

  Retry retry();

  Health health();

  interface Health {
    /**
     * How long a readiness condition may fail before the service reports not ready: a watch
     * re-opening or a slow moment under load is not unavailability.
     */
    @WithDefault("15s")
    Duration unavailableAfter();
  }

  interface Consumer {
    /** Durable name of the pull consumer; every launcher replica shares it. */
    @WithDefault("workflow-launcher")
    String durableName();

    /** Subject filter of the consumer on the events stream ({@code relay.nats.streams.events}). */
    @WithDefault(Subjects.EVENTS_ALL)
    String filterSubject();

    /** Time the server waits for an ack before it delivers the event again. */
    @WithDefault("30s")
    Duration ackWait();

    /**
     * Deliveries of one event before the server gives up; the launcher dead-letters an event at its
     * last delivery instead of letting it drop. -1 for no limit.
     */
    @WithDefault("50")
    long maxDeliver();

    /**
     * Oldest event, counted from the time the EventBus stored it, that may still create a Workflow;
     * older ones are dead-lettered. Keep it below the Workflows' TTL: the Workflow of an older
     * event may have run and been removed already, and creating it again would run the job twice (a
     * replay from a re-created consumer, for instance). 0 (or less) turns the check off. The
     * default is half the shipped WorkflowTemplate's ttlStrategy (1 day).
     */
    @WithDefault("12h")
    Duration maxEventAge();

    /** Redelivery delays the server applies when an ack does not come (AckWait expiry). */
    @WithDefault("5s,30s,60s")
    List<Duration> backoff();

    /** Events handed out and not yet acknowledged, across all replicas. */
    @WithDefault("1000")
    @Min(1)
    long maxAckPending();

    /** Worker threads, i.e. events processed at once by this replica. */
    @WithDefault("32")
    @Min(1)
    int workers();

    /** Most events asked for in one pull. */
    @WithDefault("64")
    @Min(1)
    int batchSize();

    /** How long one pull waits for events when the stream is empty (at least 1s, NATS' minimum). */
    @WithDefault("2s")
    Duration fetchWait();

    /**
     * How often the durable consumer's pending and ack-pending counts are read for the gauges
     * {@code relay_launcher_consumer_pending} and {@code relay_launcher_consumer_ack_pending},
     * which an autoscaler reads.
     */
    @WithDefault("15s")
    Duration pendingRefresh();
  }

  interface Rules {
    /** Trigger rules YAML: a file path, or {@code classpath:<resource>}. */
    @WithDefault("classpath:rules/default-rules.yaml")
    String file();

    /**
     * Longest value, in characters, of a Workflow parameter whose mapping sets no {@code
     * maxLength}; a longer one makes the event a dead letter before any Workflow exists.
     */
    @WithDefault("4096")
    @Min(1)
    int maxParameterLength();
  }

  interface Workflows {
    /** Namespace of a rule's Workflow when the rule names none. */
    @WithDefault("argo-workflows")
    String defaultNamespace();
  }

  interface Limits {
    /** Workflows created per second by this replica; 0 for no limit. */
    @WithDefault("200")
    @Min(0)
    double createsPerSecond();

    /**
     * Most Spark Relay Workflows not yet Succeeded/Failed/Error, all replicas together: each create
     * takes a place in the admission ledger first, and the launcher stops fetching events while its
     * informers count this many; 0 for no limit (and no ledger). At most {@link
     * AdmissionLedger#MAX_PLACES}: the ledger's one entry lists every place.
     */
    @WithDefault("500")
    @Min(0)
    @Max(AdmissionLedger.MAX_PLACES)
    int maxUnfinishedWorkflows();
  }

  interface Retry {
    /** Delay of the first nakWithDelay after a transient fault. */
    @WithDefault("1s")
    Duration initialDelay();

    /** Longest nakWithDelay; the delay doubles per delivery up to it. */
    @WithDefault("60s")
    Duration maxDelay();
  }
}
