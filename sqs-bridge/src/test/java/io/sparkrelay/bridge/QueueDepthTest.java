package io.sparkrelay.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.ConfigValues;
import io.sparkrelay.testkit.ElasticMqResource;
import io.sparkrelay.testkit.ElasticMqServer;
import io.sparkrelay.testkit.InjectElasticMq;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * relay_bridge_queue_messages reads the queue's and its dead-letter queue's depth as SQS counts it.
 * NATS never comes in this test, so the bridge receives nothing and every message stays where the
 * test put it.
 */
@QuarkusTest
@WithTestResource(
    value = ElasticMqResource.class,
    initArgs = @ResourceArg(name = "queue", value = "depth"))
@WithTestResource(
    value = NatsServerResource.class,
    initArgs = @ResourceArg(name = "started", value = "false"))
@WithTestResource(
    value = ConfigValues.class,
    initArgs = @ResourceArg(name = "relay.sqs.depth-refresh", value = "1s"))
class QueueDepthTest {

  @InjectElasticMq ElasticMqServer sqs;

  @ConfigProperty(name = "relay.sqs.queue-url")
  String queueUrl;

  @Test
  void theGaugesReadTheQueueAndItsDeadLetterQueue() {
    for (int i = 0; i < 5; i++) {
      sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"job\":\"pi\"}"));
    }
    String dlqUrl = sqs.queueUrl("depth-dlq");
    for (int i = 0; i < 4; i++) {
      sqs.client().sendMessage(b -> b.queueUrl(dlqUrl).messageBody("{\"job\":\"poison\"}"));
    }
    // two of the five taken by someone else and not yet deleted
    List<Message> taken = new ArrayList<>();
    while (taken.size() < 2) {
      taken.addAll(
          sqs.client()
              .receiveMessage(
                  b ->
                      b.queueUrl(queueUrl)
                          .maxNumberOfMessages(2 - taken.size())
                          .visibilityTimeout(120))
              .messages());
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(depths())
                    .containsExactly(
                        "relay_bridge_queue_messages{queue=\"depth\",state=\"not-visible\"} 2.0",
                        "relay_bridge_queue_messages{queue=\"depth\",state=\"visible\"} 3.0",
                        "relay_bridge_queue_messages{queue=\"depth-dlq\",state=\"not-visible\"} 0.0",
                        "relay_bridge_queue_messages{queue=\"depth-dlq\",state=\"visible\"} 4.0"));

    // the taken ones are deleted: the next refresh says so
    taken.forEach(
        m ->
            sqs.client().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                MetricsProbe.value(
                        "relay_bridge_queue_messages", "queue=\"depth\"", "state=\"not-visible\"")
                    == 0.0);
    assertThat(depths())
        .containsExactly(
            "relay_bridge_queue_messages{queue=\"depth\",state=\"not-visible\"} 0.0",
            "relay_bridge_queue_messages{queue=\"depth\",state=\"visible\"} 3.0",
            "relay_bridge_queue_messages{queue=\"depth-dlq\",state=\"not-visible\"} 0.0",
            "relay_bridge_queue_messages{queue=\"depth-dlq\",state=\"visible\"} 4.0");
  }

  /**
   * The gauge's series of this test's queues as scraped, sorted (the registry outlives the earlier
   * test classes' applications in this JVM, whose gauges read NaN).
   */
  private static List<String> depths() {
    int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    return MetricsProbe.scrape("http://localhost:" + port)
        .lines()
        .filter(line -> line.startsWith("relay_bridge_queue_messages{queue=\"depth"))
        .sorted()
        .toList();
  }
}
