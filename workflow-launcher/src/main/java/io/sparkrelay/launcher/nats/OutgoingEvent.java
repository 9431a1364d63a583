package io.sparkrelay.launcher.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.sparkrelay.common.nats.NatsConnection;
import java.io.IOException;

/** An encoded event, its subject and its id (the CloudEvent id, also its Nats-Msg-Id). */
record OutgoingEvent(String subject, String id, byte[] payload) {

  /** Publishes it, expecting {@code stream} to store it, and waits for the acknowledgement. */
  void publish(NatsConnection nats, String stream) throws IOException, JetStreamApiException {
    nats.jetStream()
        .publish(
            subject,
            payload,
            PublishOptions.builder().messageId(id).expectedStream(stream).build());
  }
}
