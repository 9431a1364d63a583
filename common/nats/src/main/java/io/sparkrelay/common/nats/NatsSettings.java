package io.sparkrelay.common.nats;

import io.smallrye.config.WithDefault;
import io.sparkrelay.contract.StreamSpec;
import io.sparkrelay.contract.Streams;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code relay.nats.*} settings every service takes: where the server is, how to authenticate,
 * TLS, the streams. A service's {@code @ConfigMapping} has its {@code nats()} group extend this one
 * and adds what only it needs.
 */
public interface NatsSettings {

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
   * Prefix of the inboxes the server's replies come to ({@code <prefix>.<id>}); unset: {@code
   * _INBOX.<service>}. The users of deploy/nats may subscribe to their own service's inboxes only,
   * so no service reads another's replies.
   */
  Optional<String> inboxPrefix();

  /** TLS towards the server. */
  NatsTlsSettings tls();

  /**
   * Create (or fix) the streams this service needs at start-up; off where an operator owns them.
   */
  @WithDefault("true")
  boolean manageStreams();

  /** Longest wait for the answer to one JetStream request (a publish acknowledgement included). */
  @WithDefault("5s")
  Duration requestTimeout();

  /**
   * Servers each stream (and the reporter's bucket) is stored on when this service creates it: 1
   * for a single server, 3 in a cluster.
   */
  @WithDefault("1")
  int replicas();

  /** Names and retention of the streams, when they differ from the contract's. */
  StreamNames streams();

  /** The streams by their role. */
  interface StreamNames {
    StreamSettings events();

    StreamSettings runs();

    StreamSettings dead();
  }

  /** What a deployment may change of a stream; unset keeps the contract's value. */
  interface StreamSettings {
    /** The stream's name. */
    Optional<String> name();

    /** How long the stream keeps a message. */
    Optional<Duration> maxAge();

    /** Window in which a repeated Nats-Msg-Id is dropped. */
    Optional<Duration> duplicateWindow();
  }

  /** {@code contract} with the deployment's name, retention, window and replicas. */
  default StreamSpec stream(StreamSpec contract, StreamSettings settings) {
    StreamSpec spec = contract.withReplicas(replicas());
    spec = settings.name().map(spec::withName).orElse(spec);
    spec = settings.maxAge().map(spec::withMaxAge).orElse(spec);
    return settings.duplicateWindow().map(spec::withDuplicateWindow).orElse(spec);
  }

  /** RELAY_EVENTS as this deployment has it. */
  default StreamSpec eventsStream() {
    return stream(Streams.EVENTS, streams().events());
  }

  /** RELAY_RUNS as this deployment has it. */
  default StreamSpec runsStream() {
    return stream(Streams.RUNS, streams().runs());
  }

  /** RELAY_DEAD as this deployment has it. */
  default StreamSpec deadStream() {
    return stream(Streams.DEAD, streams().dead());
  }
}
