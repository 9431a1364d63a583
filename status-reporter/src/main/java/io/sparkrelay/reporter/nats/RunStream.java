package io.sparkrelay.reporter.nats;

import io.nats.client.JetStreamApiException;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.common.nats.StreamSetup;
import io.sparkrelay.contract.StreamSpec;
import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * RELAY_RUNS, which the reporter reads the run events from and announces the ends on: ensured as
 * the contract specifies it (the launcher and the submitter do the same), and its presence as last
 * seen, for a probe that must not wait on the server.
 */
@ApplicationScoped
public class RunStream {

  private final NatsConnection nats;
  private final StreamSpec spec;
  private final boolean manage;
  private final LastSeen present = new LastSeen();

  public RunStream(NatsConnection nats, ReporterConfig config) {
    this.nats = nats;
    this.spec = config.nats().runsStream();
    this.manage = config.nats().manageStreams();
  }

  public String name() {
    return spec.name();
  }

  /** Creates or fixes the stream (verifies it only, where an operator owns the streams). */
  public void ensure() throws IOException, JetStreamApiException {
    StreamSetup.ensure(nats.management(), spec, manage);
    present.found();
  }

  /**
   * Asks the server now whether the stream exists and remembers the answer for {@link
   * #lastSeenPresent()}; called in the background, never from a probe.
   */
  public boolean refresh() {
    return present.ask(() -> StreamSetup.exists(nats.management(), spec.name()));
  }

  /** The last answer of {@link #refresh} (or of a successful {@link #ensure}). */
  public boolean lastSeenPresent() {
    return present.present();
  }
}
