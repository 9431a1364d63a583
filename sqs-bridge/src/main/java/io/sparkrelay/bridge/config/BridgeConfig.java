package io.sparkrelay.bridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.sparkrelay.common.nats.NatsTlsSettings;
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
    @WithDefault("_INBOX.sqs-bridge")
    String inboxPrefix();

    /** TLS towards the server. */
    NatsTlsSettings tls();

    /** Create or update the event stream at start-up; off where an operator owns the stream. */
    @WithDefault("true")
    boolean manageStreams();

    /** Longest wait for the JetStream acknowledgements of one batch. */
    @WithDefault("10s")
    Duration publishTimeout();

    Stream stream();

    /**
     * Stream the dead-letter notices go to (on {@code relay.dead.sqs-bridge}). The
     * workflow-launcher creates it; the bridge only publishes to it.
     */
    @WithDefault("RELAY_DEAD")
    String deadLetterStream();
  }

  interface Stream {
    /** Name of the JetStream stream the events go to. */
    @WithDefault("RELAY_EVENTS")
    String name();

    /** Subjects the stream is created with; the bridge publishes under the first one's prefix. */
    @WithDefault("relay.events.>")
    String subjects();

    /** Prefix of the subject a queue's messages are published on; the queue name is appended. */
    @WithDefault("relay.events.sqs")
    String subjectPrefix();

    /**
     * Window in which a repeated Nats-Msg-Id is dropped. Never shorter than the visibility timeout:
     * the bridge raises it if it is.
     */
    @WithDefault("2m")
    Duration duplicateWindow();

    /** How long events are kept. */
    @WithDefault("7d")
    Duration maxAge();

    /** Stream replicas (1 for a single server, 3 in a cluster). */
    @WithDefault("1")
    int replicas();
  }
}
