package io.sparkrelay.bridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.sparkrelay.common.nats.NatsSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** Everything the bridge can be told, under {@code relay.*}. */
@ConfigMapping(prefix = "relay")
public interface BridgeConfig {

  Sqs sqs();

  Nats nats();

  /** Time the bridge gives the batch in hand to finish when it is asked to stop. */
  @WithDefault("25s")
  Duration shutdownGrace();

  interface Sqs {
    /** URL of the queue to drain; wins over {@code queue-name}. */
    Optional<String> queueUrl();

    /** Name of the queue to drain, resolved to its URL at start-up. */
    Optional<String> queueName();

    /** Number of concurrent long-poll loops. */
    @WithDefault("4")
    @Min(1)
    int pollers();

    /** Messages asked for in one receive (SQS allows 1-10). */
    @WithDefault("10")
    @Min(1)
    @Max(10)
    int maxMessages();

    /** Long-poll wait of one receive, in seconds (SQS allows 0-20). */
    @WithDefault("20")
    @Min(0)
    @Max(20)
    int waitTimeSeconds();

    /**
     * How long a received message stays hidden from other receivers, in seconds. An unacknowledged
     * message comes back after it; the stream's duplicate window must be at least as long.
     */
    @WithDefault("30")
    @Min(1)
    @Max(43200)
    int visibilityTimeoutSeconds();

    /** Pause after a failed receive before the poller tries again. */
    @WithDefault("1s")
    Duration retryDelay();

    /**
     * Deepest nesting of arrays and objects a body may have to count as JSON; a deeper one is
     * forwarded as text with a {@code bodyerror}. Bounds the tree a sender can make the bridge
     * build.
     */
    @WithDefault("64")
    @Min(1)
    int maxBodyNestingDepth();

    /**
     * How often the queue's and its dead-letter queue's depth is read (GetQueueAttributes) for the
     * gauge {@code relay_bridge_queue_messages}, which an autoscaler reads.
     */
    @WithDefault("15s")
    Duration depthRefresh();
  }

  /** The shared {@code relay.nats.*} settings, and the wait only the bridge has. */
  interface Nats extends NatsSettings {
    /**
     * Longest wait for the JetStream acknowledgements of one whole batch (a single request waits
     * {@code request-timeout}).
     */
    @WithDefault("10s")
    Duration publishTimeout();
  }
}
