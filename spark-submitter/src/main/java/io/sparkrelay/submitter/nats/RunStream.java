package io.sparkrelay.submitter.nats;

import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.common.nats.StreamSetup;
import io.sparkrelay.contract.StreamSpec;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;

/**
 * RELAY_RUNS, where the run events go. The connection opens at start-up without waiting for the
 * server (the service answers requests meanwhile; events are best effort). After each (re)connect
 * the stream is ensured again, on the set-up thread and, should that have failed, before the next
 * publish: a server that came back without its store gets the stream again.
 */
@ApplicationScoped
public class RunStream {

  private final NatsConnection nats;
  private final StreamSpec spec;
  private final boolean manage;
  private long ensuredGeneration = -1;

  RunStream(NatsConnection nats, SubmitterConfig config) {
    this.nats = nats;
    this.spec = config.nats().runsStream();
    this.manage = config.nats().manageStreams();
  }

  void open(@Observes StartupEvent event) {
    nats.open(this::ensureAfterConnect);
  }

  private void ensureAfterConnect() {
    try {
      ensure();
    } catch (IOException e) {
      Log.warnf("%s (checked again before the next publish)", e.getMessage());
    }
  }

  public boolean isConnected() {
    return nats.isConnected();
  }

  /**
   * JetStream, with the stream created or verified under the current connection.
   *
   * @throws IOException when NATS is not connected or the stream is unusable
   */
  JetStream jetStream() throws IOException {
    if (!nats.isConnected()) {
      throw new IOException("NATS not connected");
    }
    ensure();
    return nats.jetStream();
  }

  private synchronized void ensure() throws IOException {
    long generation = nats.generation();
    if (ensuredGeneration == generation) {
      return;
    }
    try {
      StreamSetup.ensure(nats.management(), spec, manage);
    } catch (JetStreamApiException | IllegalStateException e) {
      throw new IOException("stream " + spec.name() + ": " + e.getMessage(), e);
    }
    ensuredGeneration = generation;
  }
}
