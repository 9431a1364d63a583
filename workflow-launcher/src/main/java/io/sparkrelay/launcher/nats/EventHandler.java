package io.sparkrelay.launcher.nats;

import io.nats.client.Message;

/**
 * What the consumer hands each delivery to, on a worker thread: it settles the message (ack, nak or
 * term), or leaves it to come back after AckWait.
 */
public interface EventHandler {

  void handle(Message message);
}
