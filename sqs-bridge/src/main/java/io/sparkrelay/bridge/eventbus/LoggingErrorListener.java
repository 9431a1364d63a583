package io.sparkrelay.bridge.eventbus;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.quarkus.logging.Log;

/** Sends the NATS client's asynchronous errors to the service log instead of stderr. */
final class LoggingErrorListener implements ErrorListener {

  @Override
  public void errorOccurred(Connection conn, String error) {
    Log.warnf("NATS error: %s", error);
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    Log.debugf("NATS client exception: %s", exp.toString());
  }
}
