package io.sparkrelay.bridge.nats;

import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.sparkrelay.bridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a batch asynchronously and waits for every acknowledgement, up to the publish timeout.
 * The Nats-Msg-Id is the SQS MessageId, so publishing the same message again is a no-op.
 */
@ApplicationScoped
public class EventPublisher {

  static final String CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8";

  private final EventStream eventStream;
  private final BridgeConfig config;

  EventPublisher(EventStream eventStream, BridgeConfig config) {
    this.eventStream = eventStream;
    this.config = config;
  }

  /** One result per event, in the order given, each expected in the events stream. */
  public List<PublishResult> publishAll(List<OutboundEvent> events) throws InterruptedException {
    String stream = eventStream.spec().name();
    List<CompletableFuture<PublishAck>> pending = new ArrayList<>(events.size());
    for (OutboundEvent event : events) {
      pending.add(publish(stream, event));
    }
    long deadline = System.nanoTime() + config.nats().publishTimeout().toNanos();
    List<PublishResult> results = new ArrayList<>(events.size());
    for (CompletableFuture<PublishAck> future : pending) {
      results.add(await(future, deadline));
    }
    return results;
  }

  /** Publishes one event, expecting {@code stream} to take it, and waits for its ack. */
  public PublishResult publish(OutboundEvent event, String stream) throws InterruptedException {
    CompletableFuture<PublishAck> pending = publish(stream, event);
    return await(pending, System.nanoTime() + config.nats().publishTimeout().toNanos());
  }

  private CompletableFuture<PublishAck> publish(String stream, OutboundEvent event) {
    Headers headers = new Headers().put("Content-Type", CLOUDEVENTS_JSON);
    PublishOptions options =
        PublishOptions.builder().messageId(event.messageId()).expectedStream(stream).build();
    try {
      return eventStream
          .jetStream()
          .publishAsync(event.subject(), headers, event.payload(), options);
    } catch (IllegalArgumentException e) {
      // the client refuses a payload above the server's max_payload before sending anything
      return CompletableFuture.failedFuture(new PayloadTooLargeException(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static PublishResult await(CompletableFuture<PublishAck> future, long deadline)
      throws InterruptedException {
    try {
      PublishAck ack = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return ack.isDuplicate() ? PublishResult.DUPLICATE : PublishResult.STORED;
    } catch (TimeoutException e) {
      future.cancel(false);
      return PublishResult.failed("timeout", "no acknowledgement within the publish timeout");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String reason =
          cause instanceof PayloadTooLargeException ? PublishResult.PAYLOAD_TOO_LARGE : "refused";
      return PublishResult.failed(reason, String.valueOf(cause.getMessage()));
    }
  }

  /** Marks a message the server would never accept, however often it is tried. */
  static final class PayloadTooLargeException extends RuntimeException {
    PayloadTooLargeException(String message) {
      super(message, null, false, false);
    }
  }
}
