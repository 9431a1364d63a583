package io.sparkrelay.common.nats;

import java.time.Duration;
import java.util.Optional;

/** NatsSettings for a plain local server, with the contract's streams. */
record TestSettings(String url, int replicas) implements NatsSettings {

  @Override
  public Optional<String> credentialsFile() {
    return Optional.empty();
  }

  @Override
  public Optional<String> token() {
    return Optional.empty();
  }

  @Override
  public Optional<String> username() {
    return Optional.empty();
  }

  @Override
  public Optional<String> password() {
    return Optional.empty();
  }

  @Override
  public Optional<String> inboxPrefix() {
    return Optional.empty();
  }

  @Override
  public NatsTlsSettings tls() {
    return new NatsTlsSettings() {
      @Override
      public Optional<String> caFile() {
        return Optional.empty();
      }

      @Override
      public Optional<String> certFile() {
        return Optional.empty();
      }

      @Override
      public Optional<String> keyFile() {
        return Optional.empty();
      }
    };
  }

  @Override
  public boolean manageStreams() {
    return true;
  }

  @Override
  public Duration requestTimeout() {
    return Duration.ofSeconds(2);
  }

  @Override
  public StreamNames streams() {
    StreamSettings unchanged =
        new StreamSettings() {
          @Override
          public Optional<String> name() {
            return Optional.empty();
          }

          @Override
          public Optional<Duration> maxAge() {
            return Optional.empty();
          }

          @Override
          public Optional<Duration> duplicateWindow() {
            return Optional.empty();
          }
        };
    return new StreamNames() {
      @Override
      public StreamSettings events() {
        return unchanged;
      }

      @Override
      public StreamSettings runs() {
        return unchanged;
      }

      @Override
      public StreamSettings dead() {
        return unchanged;
      }
    };
  }
}
