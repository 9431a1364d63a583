package io.sparkrelay.common.nats;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import org.jboss.logging.Logger;

/**
 * Sends the NATS client's asynchronous errors to the service log: a server error (a permission
 * violation, a slow consumer) is a warning an operator must see, not something to drop.
 */
final class LoggingErrorListener implements ErrorListener {

  private static final Logger LOG = Logger.getLogger(NatsConnection.class);

  @Override
  public void errorOccurred(Connection conn, String error) {
    LOG.warnf("NATS error: %s", error);
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    LOG.debugf("NATS client exception: %s", exp.toString());
  }
}
