package io.sparkrelay.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.launcher.nats.EventConsumer;
import io.sparkrelay.testkit.ConfigValues;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * relay_launcher_consumer_pending and _ack_pending read the durable consumer's backlog as the
 * server counts it: events published while the launcher pulls nothing are pending, events handed
 * out and not acknowledged are ack-pending.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
@WithTestResource(
    value = ConfigValues.class,
    initArgs = @ResourceArg(name = "relay.consumer.pending-refresh", value = "1s"))
class ConsumerBacklogTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @InjectNatsServer NatsServerProcess nats;
  @Inject EventConsumer consumer;

  @Test
  void theGaugesReadTheDurableConsumersPendingAndAckPendingEvents() throws Exception {
    try (EventBusClient bus = new EventBusClient(nats.url())) {
      bus.ensureEventsStream();
      await().atMost(DEADLINE).until(consumer::isReady); // the durable exists
      consumer.stop();
      for (int i = 0; i < 6; i++) {
        bus.publish(UUID.randomUUID().toString(), "{\"job\":\"taxi-trip\"}");
      }
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(backlog()).containsExactly(6.0, 0.0));

      // two handed out (to someone who does not acknowledge them) out of the six
      List<Message> handedOut = new ArrayList<>();
      try (Connection other = Nats.connect(nats.url())) {
        var durable = other.getConsumerContext(EventBusClient.EVENTS, "workflow-launcher");
        while (handedOut.size() < 2) {
          try (FetchConsumer fetch =
              durable.fetch(
                  FetchConsumeOptions.builder()
                      .maxMessages(2 - handedOut.size())
                      .expiresIn(1000)
                      .build())) {
            for (Message m; (m = fetch.nextMessage()) != null; ) {
              handedOut.add(m);
            }
          }
        }
        await()
            .atMost(DEADLINE)
            .untilAsserted(() -> assertThat(backlog()).containsExactly(4.0, 2.0));
      }

      // the launcher pulls again: all six, the two again after their AckWait, are settled
      consumer.start();
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(backlog()).containsExactly(0.0, 0.0));
    }
  }

  /** [pending, ack pending] as scraped. */
  private static List<Double> backlog() {
    return List.of(
        MetricsProbe.value("relay_launcher_consumer_pending"),
        MetricsProbe.value("relay_launcher_consumer_ack_pending"));
  }
}
